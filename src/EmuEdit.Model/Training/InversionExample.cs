using static TorchSharp.torch;

namespace EmuEdit.Model.Training;

/// <summary>
/// One pre-encoded example of a new task: the target image's latent [C, h, w], the input image's latent
/// [C, h, w] and the instruction's token context [L, D] and mask [L] (true for real tokens).
/// </summary>
public sealed record InversionExample(Tensor TargetLatent, Tensor InputLatent, Tensor TextContext, Tensor TextMask);
