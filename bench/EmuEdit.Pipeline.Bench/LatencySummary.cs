using System.Text.Json.Nodes;

namespace EmuEdit.Pipeline.Bench;

/// <summary>Median and 95th percentile (nearest rank) of a set of latencies in milliseconds.</summary>
public sealed record LatencySummary(double Median, double P95, double Min, double Max, int Count)
{
    public static LatencySummary Of(IReadOnlyCollection<double> samples)
    {
        if (samples.Count == 0) throw new ArgumentException("No samples.", nameof(samples));
        double[] sorted = [.. samples.Order()];
        return new LatencySummary(Percentile(sorted, 0.5), Percentile(sorted, 0.95), sorted[0], sorted[^1], sorted.Length);
    }

    public JsonObject ToJson() => new()
    {
        ["median"] = Math.Round(Median, 1),
        ["p95"] = Math.Round(P95, 1),
        ["min"] = Math.Round(Min, 1),
        ["max"] = Math.Round(Max, 1),
        ["count"] = Count,
    };

    private static double Percentile(double[] sorted, double q)
    {
        if (q == 0.5 && sorted.Length % 2 == 0) return (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
        int rank = (int)Math.Ceiling(q * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
