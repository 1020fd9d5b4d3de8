namespace EmuEdit.Evaluation;

/// <summary>The thresholds that turn distances into a verdict; defaults are the project's stated criterion.</summary>
public sealed record EvaluationOptions
{
    /// <summary>Inside the mask the output must be at most this fraction of the input's distance to the target.</summary>
    public double InsideRatio { get; init; } = 0.5;

    /// <summary>Outside the mask the output must stay within this mean L1 of the input (pixels in [0, 1]).</summary>
    public double OutsideL1 { get; init; } = 0.04;

    /// <summary>The PSNR reported for identical images, where the formula is infinite.</summary>
    public double MaxPsnrDb { get; init; } = 100.0;
}
