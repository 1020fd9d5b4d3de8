using System.Globalization;
using System.Text.Json.Serialization;

namespace EmuEdit.Cli.Bench;

/// <summary>What a benchmark ran on: CPU model, logical cores, and the load average around the run (the machine may be shared).</summary>
public sealed record MachineInfo
{
    [JsonPropertyName("cpu_model")] public required string CpuModel { get; init; }
    [JsonPropertyName("logical_cores")] public required int LogicalCores { get; init; }
    [JsonPropertyName("torch_threads")] public required int TorchThreads { get; init; }
    [JsonPropertyName("load_average_before")] public double[]? LoadAverageBefore { get; init; }
    [JsonPropertyName("load_average_after")] public double[]? LoadAverageAfter { get; init; }

    /// <summary>The "model name" line of /proc/cpuinfo (what lscpu shows); "unknown" elsewhere.</summary>
    public static string CpuModelName()
    {
        const string cpuinfo = "/proc/cpuinfo";
        if (!File.Exists(cpuinfo)) return "unknown";
        var line = File.ReadLines(cpuinfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
        return line is null ? "unknown" : line[(line.IndexOf(':') + 1)..].Trim();
    }

    /// <summary>1, 5 and 15 minute load averages from /proc/loadavg; null where the OS has none.</summary>
    public static double[]? LoadAverage()
    {
        const string loadavg = "/proc/loadavg";
        if (!File.Exists(loadavg)) return null;
        return File.ReadAllText(loadavg).Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(3)
            .Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
    }
}
