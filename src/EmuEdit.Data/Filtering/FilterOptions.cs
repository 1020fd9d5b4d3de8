namespace EmuEdit.Data.Filtering;

/// <summary>Thresholds of the example filter.</summary>
public sealed record FilterOptions
{
    /// <summary>Minimum mean |target - input| over the whole image (pixels in [0, 1]).</summary>
    public double MinMeanChange { get; init; } = 0.0025;
    /// <summary>
    /// Minimum mean |target - input| inside the mask, weighted by it. Set above the ~0.03 sampling-noise
    /// floor a small model shows (the project's design notes), so every accepted edit is learnable.
    /// </summary>
    public double MinMaskedChange { get; init; } = 0.03;
    /// <summary>
    /// Per-task overrides of <see cref="MinMaskedChange"/>. Super-resolution restores detail that a x4
    /// downsampling removed from edges only, so its whole-image change is inherently smaller.
    /// </summary>
    public IReadOnlyDictionary<string, double> MinMaskedChangeByTask { get; init; } = new Dictionary<string, double> { ["superres"] = 0.012 };

    public double MaskedThreshold(string task) => MinMaskedChangeByTask.TryGetValue(task, out var t) ? t : MinMaskedChange;
    /// <summary>Minimum visible fraction of a referred object.</summary>
    public float MinVisibleFraction { get; init; } = 0.6f;
}
