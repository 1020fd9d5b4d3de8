using System.Text.Json.Serialization;

namespace EmuEdit.Model.Diffusion;

/// <summary>
/// The noise schedule, sampler and training-time conditioning dropout (Emu Edit paper §4).
/// Read from the model's config.json (its <c>diffusion</c> object); every size and default the diffusion
/// code uses comes from here.
/// </summary>
public sealed class DiffusionOptions
{
    /// <summary>The only prediction target this code implements: v (velocity).</summary>
    public const string VelocityPrediction = "v";

    /// <summary>Diffuse the output image's latent itself (the paper's formulation, the default).</summary>
    public const string LatentTarget = "latent";

    /// <summary>Diffuse the edit's residual: the output latent minus the input latent.</summary>
    public const string ResidualTarget = "residual";

    /// <summary>Training timesteps T.</summary>
    public int TrainTimesteps { get; set; } = 1000;

    /// <summary>First beta of the scaled-linear schedule (linear in sqrt(beta)).</summary>
    public double BetaStart { get; set; } = 0.00085;

    /// <summary>Last beta of the scaled-linear schedule.</summary>
    public double BetaEnd { get; set; } = 0.012;

    /// <summary>Rescale the schedule so alpha_bar at t = T-1 is exactly 0 (Lin et al. 2023).</summary>
    public bool RescaleToZeroTerminalSnr { get; set; } = true;

    /// <summary>What the network predicts; must be "v" (eps cannot be inverted where alpha_bar = 0).</summary>
    public string Prediction { get; set; } = VelocityPrediction;

    /// <summary>
    /// What the diffusion process runs on: "latent" (z_out, as the paper) or "residual" (z_out - z_in, as
    /// SRDiff does for super-resolution). With the residual, the pixels an edit keeps are a zero target the
    /// network learns early, instead of a copy of the input it must learn to reproduce through the noise;
    /// the sampler adds the input latent back. Training and sampling read it from the checkpoint's config.
    /// </summary>
    public string Target { get; set; } = LatentTarget;

    /// <summary>True when <see cref="Target"/> is the residual.</summary>
    [JsonIgnore]
    public bool DiffusesResidual => string.Equals(Target, ResidualTarget, StringComparison.OrdinalIgnoreCase);

    /// <summary>DDIM steps a job uses when it does not name its own.</summary>
    public int DefaultInferenceSteps { get; set; } = 50;

    /// <summary>Image guidance scale gamma_I.</summary>
    public double ImageGuidanceScale { get; set; } = 1.5;

    /// <summary>Text guidance scale gamma_T.</summary>
    public double TextGuidanceScale { get; set; } = 5.0;

    /// <summary>Probability a training row loses only its instruction (null text).</summary>
    public double TextDropProbability { get; set; } = 0.05;

    /// <summary>Probability a training row loses only its input image (zero latent).</summary>
    public double ImageDropProbability { get; set; } = 0.05;

    /// <summary>Probability a training row loses both instruction and input image.</summary>
    public double BothDropProbability { get; set; } = 0.05;

    /// <summary>
    /// Probability, drawn independently of the other drops, that a training row's task vector is replaced
    /// by zeros; 0 (default) disables it. Training with it lets the model serve requests with no task.
    /// </summary>
    public double TaskDropProbability { get; set; }

    /// <summary>A copy, for callers that adjust one value for their own use.</summary>
    public DiffusionOptions Clone() => (DiffusionOptions)MemberwiseClone();

    /// <summary>Throws when a value is out of range, naming the option.</summary>
    public void Validate()
    {
        if (TrainTimesteps < 2) throw new ArgumentOutOfRangeException(nameof(TrainTimesteps), TrainTimesteps, "needs at least 2 timesteps");
        if (!(BetaStart > 0 && BetaEnd > BetaStart && BetaEnd < 1))
            throw new ArgumentOutOfRangeException(nameof(BetaEnd), $"need 0 < {nameof(BetaStart)} ({BetaStart}) < {nameof(BetaEnd)} ({BetaEnd}) < 1");
        if (!string.Equals(Prediction, VelocityPrediction, StringComparison.OrdinalIgnoreCase))
            throw new ArgumentOutOfRangeException(nameof(Prediction), Prediction, "only v-prediction is supported: with zero terminal SNR an eps model cannot recover x0 at the last timestep");
        if (!DiffusesResidual && !string.Equals(Target, LatentTarget, StringComparison.OrdinalIgnoreCase))
            throw new ArgumentOutOfRangeException(nameof(Target), Target, $"must be \"{LatentTarget}\" or \"{ResidualTarget}\"");
        if (DefaultInferenceSteps < 1 || DefaultInferenceSteps > TrainTimesteps)
            throw new ArgumentOutOfRangeException(nameof(DefaultInferenceSteps), DefaultInferenceSteps, $"must be in [1, {TrainTimesteps}]");
        CheckScale(ImageGuidanceScale, nameof(ImageGuidanceScale));
        CheckScale(TextGuidanceScale, nameof(TextGuidanceScale));
        CheckProbability(TextDropProbability, nameof(TextDropProbability));
        CheckProbability(ImageDropProbability, nameof(ImageDropProbability));
        CheckProbability(BothDropProbability, nameof(BothDropProbability));
        CheckProbability(TaskDropProbability, nameof(TaskDropProbability));
        if (TextDropProbability + ImageDropProbability + BothDropProbability > 1)
            throw new ArgumentOutOfRangeException(nameof(BothDropProbability), "text, image and both drop probabilities partition one draw: their sum must not exceed 1");
    }

    private static void CheckScale(double scale, string name)
    {
        if (!GuidanceScales.IsValidScale(scale)) throw new ArgumentOutOfRangeException(name, scale, "must be a finite guidance scale >= 0");
    }

    private static void CheckProbability(double p, string name)
    {
        if (!(p >= 0 && p <= 1)) throw new ArgumentOutOfRangeException(name, p, "must be a probability in [0, 1]");
    }
}
