using System.Diagnostics;

/// <summary>Per-call wall times of two implementations of the same call, measured alternately.</summary>
internal static class Latency
{
    private const int WarmUpCalls = 5;

    /// <summary>
    /// Runs <paramref name="torch"/> and <paramref name="onnx"/> in turn, so load from other processes on a
    /// shared machine hits both alike; returns (median, p95) in milliseconds for each.
    /// </summary>
    public static ((double Median, double P95) Torch, (double Median, double P95) Onnx) Compare(Action torch, Action onnx, int iterations)
    {
        for (var i = 0; i < WarmUpCalls; i++) { torch(); onnx(); }
        var t = new double[iterations];
        var o = new double[iterations];
        for (var i = 0; i < iterations; i++)
        {
            var sw = Stopwatch.StartNew();
            torch();
            t[i] = sw.Elapsed.TotalMilliseconds;
            sw.Restart();
            onnx();
            o[i] = sw.Elapsed.TotalMilliseconds;
        }
        return (Summary(t), Summary(o));
    }

    private static (double, double) Summary(double[] times)
    {
        Array.Sort(times);
        return (times[times.Length / 2], times[Math.Min(times.Length - 1, (int)Math.Ceiling(times.Length * 0.95) - 1)]);
    }
}
