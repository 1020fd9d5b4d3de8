using EmuEdit.Model.Diffusion;
using static TorchSharp.torch;

namespace EmuEdit.Model.Tests.Diffusion;

/// <summary>Knows the clean latent x0 and returns the exact v for any z_t: a perfect denoiser.</summary>
internal sealed class OracleVelocityModel(NoiseSchedule schedule, Tensor x0) : IVelocityModel
{
    public Tensor PredictVelocity(Tensor zt, Tensor timesteps, Tensor imageLatent, Tensor textContext, Tensor textMask, Tensor task)
    {
        using var scope = NewDisposeScope();
        var rows = zt.shape[0] / x0.shape[0];
        var target = x0.repeat(rows, 1, 1, 1);
        var (signal, sigma) = schedule.Coefficients(timesteps, zt);
        var eps = (zt - signal * target) / sigma;
        return schedule.VelocityTarget(target, eps, timesteps).MoveToOuterDisposeScope();
    }
}
