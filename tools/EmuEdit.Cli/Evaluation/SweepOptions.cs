namespace EmuEdit.Cli.Evaluation;

/// <summary>
/// The small grid of `emuedit eval --sweep`: every (image, text) guidance pair at the run's step count, and
/// every step count at the run's guidance. Small on purpose: each point re-runs the sampler on a subset.
/// </summary>
public sealed record SweepOptions
{
    public IReadOnlyList<double> ImageGuidance { get; init; } = [1.0, 1.5];
    public IReadOnlyList<double> TextGuidance { get; init; } = [1.0, 3.0, 5.0];
    public IReadOnlyList<int> Steps { get; init; } = [10, 25, 50];

    /// <summary>Trained-task examples per task at each point.</summary>
    public int LimitPerTask { get; init; } = 3;

    /// <summary>The grid's points, without duplicates, guidance pairs first.</summary>
    public IReadOnlyList<(double Image, double Text, int Steps)> Points(int steps, double image, double text)
    {
        var points = new List<(double, double, int)>();
        foreach (var gi in ImageGuidance)
            foreach (var gt in TextGuidance)
                points.Add((gi, gt, steps));
        foreach (var s in Steps) points.Add((image, text, s));
        return points.Distinct().ToList();
    }
}
