using static TorchSharp.torch;

namespace EmuEdit.Model.Diffusion;

/// <summary>
/// The forward process: scaled-linear betas, optionally rescaled to zero terminal SNR (Lin et al. 2023),
/// with alpha_bar kept in double precision; "trailing" inference timesteps; the v-prediction algebra.
/// </summary>
public sealed class NoiseSchedule
{
    private readonly double[] _betas;
    private readonly double[] _alphaBars;

    /// <summary>Builds the schedule the options describe.</summary>
    public NoiseSchedule(DiffusionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        DiffusesResidual = options.DiffusesResidual;
        var n = options.TrainTimesteps;
        _betas = ScaledLinearBetas(options.BetaStart, options.BetaEnd, n);
        _alphaBars = CumulativeProduct(_betas);
        if (options.RescaleToZeroTerminalSnr)
        {
            RescaleToZeroTerminalSnr(_alphaBars);
            _betas = BetasFromAlphaBars(_alphaBars);
        }
    }

    /// <summary>
    /// Whether x0 of this process is the edit's residual (output latent minus input latent) rather than the
    /// output latent (<see cref="DiffusionOptions.Target"/>); the loss and the sampler both follow it.
    /// </summary>
    public bool DiffusesResidual { get; }

    /// <summary>Training timesteps T; valid timesteps are 0..T-1.</summary>
    public int TrainTimesteps => _alphaBars.Length;

    /// <summary>beta_t for t = 0..T-1.</summary>
    public IReadOnlyList<double> Betas => _betas;

    /// <summary>alpha_bar_t = prod_{s &lt;= t} (1 - beta_s), for t = 0..T-1.</summary>
    public IReadOnlyList<double> AlphaBars => _alphaBars;

    /// <summary>alpha_bar at timestep <paramref name="t"/>.</summary>
    public double AlphaBar(int t) => _alphaBars[t];

    /// <summary>Signal-to-noise ratio alpha_bar / (1 - alpha_bar) at <paramref name="t"/>.</summary>
    public double SignalToNoise(int t) => _alphaBars[t] / (1 - _alphaBars[t]);

    /// <summary>
    /// "Trailing" spacing: round(arange(T, 0, -T/n)) - 1, so sampling starts at t = T-1 (pure noise
    /// after the rescale) and ends at the timestep nearest T/n - 1. Rounding is half-to-even, as NumPy's.
    /// </summary>
    public int[] TrailingTimesteps(int steps)
    {
        if (steps < 1 || steps > TrainTimesteps)
            throw new ArgumentOutOfRangeException(nameof(steps), steps, $"must be in [1, {TrainTimesteps}]");
        var stride = -(double)TrainTimesteps / steps;
        var timesteps = new int[steps];
        for (var i = 0; i < steps; i++)
            timesteps[i] = (int)Math.Round(TrainTimesteps + i * stride, MidpointRounding.ToEven) - 1;
        return timesteps;
    }

    /// <summary>z_t = sqrt(ab)·x0 + sqrt(1-ab)·eps, with one timestep per row of <paramref name="x0"/>.</summary>
    public Tensor AddNoise(Tensor x0, Tensor noise, Tensor timesteps)
    {
        var (signal, sigma) = Coefficients(timesteps, x0);
        using (signal)
        using (sigma)
            return VelocityAlgebra.Mix(signal, x0, sigma, noise);
    }

    /// <summary>The v-prediction target v = sqrt(ab)·eps - sqrt(1-ab)·x0.</summary>
    public Tensor VelocityTarget(Tensor x0, Tensor noise, Tensor timesteps)
    {
        var (signal, sigma) = Coefficients(timesteps, x0);
        using (signal)
        using (sigma)
            return VelocityAlgebra.Velocity(signal, sigma, x0, noise);
    }

    /// <summary>x0 = sqrt(ab)·x_t - sqrt(1-ab)·v.</summary>
    public Tensor PredictX0(Tensor xt, Tensor v, Tensor timesteps)
    {
        var (signal, sigma) = Coefficients(timesteps, xt);
        using (signal)
        using (sigma)
            return VelocityAlgebra.X0(signal, sigma, xt, v);
    }

    /// <summary>eps = sqrt(1-ab)·x_t + sqrt(ab)·v.</summary>
    public Tensor PredictNoise(Tensor xt, Tensor v, Tensor timesteps)
    {
        var (signal, sigma) = Coefficients(timesteps, xt);
        using (signal)
        using (sigma)
            return VelocityAlgebra.Noise(signal, sigma, xt, v);
    }

    /// <summary>
    /// sqrt(ab) and sqrt(1-ab) per row, shaped [B, 1, ...] to broadcast over <paramref name="like"/>,
    /// computed in double and only then cast, so small 1-ab near t = 0 keeps its precision.
    /// </summary>
    internal (Tensor Signal, Tensor Sigma) Coefficients(Tensor timesteps, Tensor like)
    {
        using var cpu = timesteps.cpu().to(ScalarType.Int64);
        var ts = cpu.data<long>().ToArray();
        var alphaBars = new double[ts.Length];
        for (var i = 0; i < ts.Length; i++)
        {
            if (ts[i] < 0 || ts[i] >= TrainTimesteps)
                throw new ArgumentOutOfRangeException(nameof(timesteps), ts[i], $"timesteps must be in [0, {TrainTimesteps})");
            alphaBars[i] = _alphaBars[ts[i]];
        }
        return VelocityAlgebra.CoefficientsFor(alphaBars, like);
    }

    private static double[] ScaledLinearBetas(double start, double end, int n)
    {
        // Linear in sqrt(beta), then squared: the latent-diffusion ("scaled linear") schedule.
        var a = Math.Sqrt(start);
        var b = Math.Sqrt(end);
        var betas = new double[n];
        for (var i = 0; i < n; i++)
        {
            var s = a + (b - a) * i / (n - 1);
            betas[i] = s * s;
        }
        return betas;
    }

    private static double[] CumulativeProduct(double[] betas)
    {
        var alphaBars = new double[betas.Length];
        var product = 1.0;
        for (var i = 0; i < betas.Length; i++)
        {
            product *= 1 - betas[i];
            alphaBars[i] = product;
        }
        return alphaBars;
    }

    private static void RescaleToZeroTerminalSnr(double[] alphaBars)
    {
        // Shift sqrt(alpha_bar) so the last value is exactly 0 and scale it so the first is unchanged:
        // training then sees pure noise at t = T-1, which is where trailing sampling starts.
        var last = alphaBars.Length - 1;
        var s0 = Math.Sqrt(alphaBars[0]);
        var sT = Math.Sqrt(alphaBars[last]);
        var scale = s0 / (s0 - sT);
        for (var i = 0; i < alphaBars.Length; i++)
        {
            var s = (Math.Sqrt(alphaBars[i]) - sT) * scale;
            alphaBars[i] = s * s;
        }
        alphaBars[last] = 0;
    }

    private static double[] BetasFromAlphaBars(double[] alphaBars)
    {
        var betas = new double[alphaBars.Length];
        betas[0] = 1 - alphaBars[0];
        for (var i = 1; i < alphaBars.Length; i++)
            betas[i] = 1 - alphaBars[i] / alphaBars[i - 1];
        return betas;
    }
}
