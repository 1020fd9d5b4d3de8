namespace EmuEdit.Model.Editing;

/// <summary>
/// Sequential edit thresholding (paper eq. 4). The serving hosts read it as <c>Pipeline:Threshold</c>
/// (<c>EditEngineOptions.Threshold</c>); a job's own threshold overrides <see cref="Alpha"/>.
/// </summary>
public sealed class SequentialEditThresholdOptions
{
    /// <summary>
    /// alpha: a pixel keeps its old value where the low-passed change is below this (pixels in [0,1]). The
    /// paper's 0.03 compares with the previous image; measured against the reconstruction, 0.03 to 0.08 pass
    /// the same share of validation edits with the shipped model, 0.05 the most (models/default/REPORT.md).
    /// </summary>
    public double Alpha { get; set; } = 0.05;

    /// <summary>Largest alpha: changes are in pixel units of [0,1], so 1 keeps (nearly) every old pixel.</summary>
    public const double MaxAlpha = 1.0;

    /// <summary>Standard deviation, in pixels, of the Gaussian low-pass applied to the change map.</summary>
    public double Sigma { get; set; } = 1.0;

    /// <summary>Kernel radius in multiples of <see cref="Sigma"/> (the kernel has 2·ceil(r·sigma)+1 taps).</summary>
    public double KernelRadiusInSigmas { get; set; } = 3.0;

    /// <summary>Throws when a value is out of range, naming the option.</summary>
    public void Validate()
    {
        if (!(Alpha >= 0 && Alpha <= MaxAlpha)) throw new ArgumentOutOfRangeException(nameof(Alpha), Alpha, $"must be within [0, {MaxAlpha}]");
        if (!(Sigma > 0)) throw new ArgumentOutOfRangeException(nameof(Sigma), Sigma, "must be > 0");
        if (!(KernelRadiusInSigmas > 0)) throw new ArgumentOutOfRangeException(nameof(KernelRadiusInSigmas), KernelRadiusInSigmas, "must be > 0");
    }
}
