using EmuEdit.Model.Diffusion;
using static TorchSharp.torch;

namespace EmuEdit.Model.Training;

/// <summary>
/// One training batch, pre-encoded: the target image's latent x [B, C, h, w] and the edit's conditioning
/// (input latent, instruction, null instruction, task vector), all with B rows.
/// </summary>
/// <remarks>
/// The task rows may be a differentiable lookup into the model's task table (paper eq. 2 trains the
/// vectors jointly): build the batch right before the step so the lookup is part of that step's graph.
/// </remarks>
public sealed record DiffusionBatch(Tensor TargetLatent, EditConditioning Conditioning);
