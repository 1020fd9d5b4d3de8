using static TorchSharp.torch;

namespace EmuEdit.Model.Networks;

/// <summary>The encoder's diagonal Gaussian over unscaled latents: mean and log-variance, each [B, C_z, h, w].</summary>
public sealed record LatentDistribution(Tensor Mean, Tensor LogVariance)
{
    /// <summary>Reparameterised sample mean + sigma * eps, differentiable in both.</summary>
    public Tensor Sample(Generator? generator = null)
    {
        var noise = randn(Mean.shape, dtype: Mean.dtype, device: Mean.device, generator: generator);
        // Through ScalarArithmetic: an implicit Scalar may be freed during the native call (its summary).
        return Mean.Plus(LogVariance.Times(0.5).exp() * noise);
    }

    /// <summary>KL(q || N(0, I)) averaged over every latent element.</summary>
    public Tensor KlPerElement() =>
        Mean.square().Plus(LogVariance.exp()).Plus(-1.0).sub(LogVariance).Times(0.5).mean();
}
