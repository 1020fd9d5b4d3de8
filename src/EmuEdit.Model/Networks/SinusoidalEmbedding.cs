using static TorchSharp.torch;

namespace EmuEdit.Model.Networks;

/// <summary>The transformer/DDPM sinusoidal features of integer timesteps: [cos(t*w_i), sin(t*w_i)] over geometric frequencies.</summary>
internal static class SinusoidalEmbedding
{
    // The longest period of the frequencies; the DDPM/latent-diffusion value, far above any step count used.
    private const double MaxPeriod = 10000;

    /// <param name="timesteps">[B] integer or float timesteps.</param>
    /// <param name="width">Even feature width.</param>
    /// <returns>[B, width] float32.</returns>
    public static Tensor Of(Tensor timesteps, int width)
    {
        var half = width / 2;
        var exponents = arange(half, dtype: ScalarType.Float32, device: timesteps.device) * (-Math.Log(MaxPeriod) / half);
        var angles = timesteps.to_type(ScalarType.Float32).unsqueeze(1) * exponents.exp().unsqueeze(0);
        return cat([angles.cos(), angles.sin()], 1);
    }
}
