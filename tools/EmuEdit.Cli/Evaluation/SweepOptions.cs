namespace EmuEdit.Cli.Evaluation;

/// <summary>
/// The small grid of `emuedit eval --sweep`: every (image, text) guidance pair at the run's step count, every
/// step count at the run's guidance, and every threshold at the run's guidance and step count. Small on
/// purpose: each point re-runs the sampler on a subset.
/// </summary>
public sealed record SweepOptions
{
    public IReadOnlyList<double> ImageGuidance { get; init; } = [1.0, 1.5];
    public IReadOnlyList<double> TextGuidance { get; init; } = [1.0, 3.0, 5.0];
    public IReadOnlyList<int> Steps { get; init; } = [10, 25, 50];

    /// <summary>Edit-thresholding alphas (0 = off); empty = only the run's.</summary>
    public IReadOnlyList<double> Threshold { get; init; } = [];

    /// <summary>Trained-task examples per task at each point.</summary>
    public int LimitPerTask { get; init; } = 3;

    /// <summary>The grid's points, without duplicates, guidance pairs first.</summary>
    public IReadOnlyList<(double Image, double Text, int Steps, double Threshold)> Points(int steps, double image, double text, double threshold)
    {
        var points = new List<(double, double, int, double)>();
        foreach (var gi in ImageGuidance)
            foreach (var gt in TextGuidance)
                points.Add((gi, gt, steps, threshold));
        foreach (var s in Steps) points.Add((image, text, s, threshold));
        foreach (var alpha in Threshold) points.Add((image, text, steps, alpha));
        return points.Distinct().ToList();
    }
}
