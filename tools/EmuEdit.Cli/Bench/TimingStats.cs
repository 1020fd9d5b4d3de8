using System.Diagnostics;
using System.Text.Json.Serialization;

namespace EmuEdit.Cli.Bench;

/// <summary>Wall times of repeated runs of one operation, in milliseconds.</summary>
public sealed record TimingStats
{
    [JsonPropertyName("iterations")] public required int Iterations { get; init; }
    [JsonPropertyName("median_ms")] public required double MedianMs { get; init; }
    [JsonPropertyName("p95_ms")] public required double P95Ms { get; init; }
    [JsonPropertyName("mean_ms")] public required double MeanMs { get; init; }
    [JsonPropertyName("min_ms")] public required double MinMs { get; init; }

    /// <summary>Runs <paramref name="warmup"/> untimed, then <paramref name="iterations"/> timed calls.</summary>
    public static TimingStats Measure(Action action, int warmup, int iterations)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(iterations);
        for (var i = 0; i < warmup; i++) action();
        var times = new double[iterations];
        for (var i = 0; i < iterations; i++)
        {
            var clock = Stopwatch.StartNew();
            action();
            times[i] = clock.Elapsed.TotalMilliseconds;
        }
        return Of(times);
    }

    public static TimingStats Of(IReadOnlyList<double> milliseconds)
    {
        var sorted = milliseconds.Order().ToArray();
        return new TimingStats
        {
            Iterations = sorted.Length,
            MedianMs = Round(Quantile(sorted, 0.5)),
            P95Ms = Round(Quantile(sorted, 0.95)),
            MeanMs = Round(sorted.Average()),
            MinMs = Round(sorted[0]),
        };
    }

    /// <summary>Linear interpolation between order statistics (NumPy's default).</summary>
    private static double Quantile(double[] sorted, double q)
    {
        var pos = q * (sorted.Length - 1);
        var lo = (int)Math.Floor(pos);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }

    private static double Round(double ms) => Math.Round(ms, 2);
}
