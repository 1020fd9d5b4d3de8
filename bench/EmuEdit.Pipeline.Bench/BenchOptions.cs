using System.Globalization;

namespace EmuEdit.Pipeline.Bench;

/// <summary>Command-line settings; the defaults are what bench/pipeline.md reports.</summary>
public sealed record BenchOptions
{
    public string? ModelDirectory { get; init; }

    /// <summary>Without --model, a randomly initialised model of this preset's size (timings do not depend on weights).</summary>
    public string RandomPreset { get; init; } = "tiny";

    public int Steps { get; init; } = 20;
    public int Samples { get; init; } = 20;
    // The services' hot paths are JIT-compiled unoptimised first and recompiled after ~30 calls (tiered
    // compilation); with only 2 warm-up edits the first measured edits ran partly unoptimised gateway,
    // worker and model-service code, which a long-running service does not.
    public int Warmup { get; init; } = 10;
    // 8 clients x 6 edits: with fewer, the ragged first and last batches dominate the figure.
    public int ThroughputEdits { get; init; } = 48;
    public int Clients { get; init; } = 8;

    /// <summary>One worker, so the throughput figure shows batching, not more processes.</summary>
    public int WorkerReplicas { get; init; } = 1;

    /// <summary>LibTorch threads of the text-encoder and vae-decoder (EmuEdit:ModelServiceTorchThreads); null = the AppHost's default.</summary>
    public int? ModelServiceThreads { get; init; }

    public string Out { get; init; } = "bench/results/pipeline.json";

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchOptions();
        for (int i = 0; i < args.Count; i++)
        {
            string value = i + 1 < args.Count ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--model" => options with { ModelDirectory = value },
                "--random" => options with { RandomPreset = value },
                "--steps" => options with { Steps = Positive(args[i], value) },
                "--samples" => options with { Samples = Positive(args[i], value) },
                "--warmup" => options with { Warmup = Positive(args[i], value) },
                "--throughput-edits" => options with { ThroughputEdits = Positive(args[i], value) },
                "--clients" => options with { Clients = Positive(args[i], value) },
                "--workers" => options with { WorkerReplicas = Positive(args[i], value) },
                "--model-service-threads" => options with { ModelServiceThreads = Positive(args[i], value) },
                "--out" => options with { Out = value },
                _ => throw new ArgumentException($"Unknown option {args[i]}; see bench/pipeline.md."),
            };
            i++;
        }
        return options;
    }

    private static int Positive(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0
            ? n
            : throw new ArgumentException($"{name} must be a positive integer, got '{value}'.");
}
