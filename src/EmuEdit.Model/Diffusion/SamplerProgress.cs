using static TorchSharp.torch;

namespace EmuEdit.Model.Diffusion;

/// <summary>
/// What the sampler reports after advancing a job: <see cref="Step"/> steps of <see cref="TotalSteps"/>
/// are done and <see cref="PredictedX0"/> is the guided estimate of the edited image's latent at this step (a preview latent).
/// </summary>
/// <remarks><see cref="PredictedX0"/> is disposed when the callback returns: clone it to keep it.</remarks>
public readonly record struct SamplerProgress(SamplerJob Job, int Step, int TotalSteps, Tensor PredictedX0);

/// <summary>Called once per job per step; return false to cancel that job (the others go on).</summary>
public delegate bool SamplerCallback(SamplerProgress progress);
