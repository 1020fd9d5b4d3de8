namespace EmuEdit.Cli.Bench;

/// <summary>What `emuedit bench model` measures and how often.</summary>
public sealed record ModelBenchOptions
{
    /// <summary>Preset whose speed is measured (parameter counts are reported for every preset).</summary>
    public string Preset { get; init; } = "tiny";

    /// <summary>Presets whose parameters are counted.</summary>
    public IReadOnlyList<string> CountedPresets { get; init; } = ["tiny", "large"];

    public int Iterations { get; init; } = 20;
    public int Warmup { get; init; } = 3;

    /// <summary>Training batch (the trainer's default).</summary>
    public int TrainBatch { get; init; } = 32;

    /// <summary>Jobs sharing one guided step in the batched case (a worker's continuous batch).</summary>
    public int BatchedJobs { get; init; } = 4;

    /// <summary>LibTorch intra-op threads; 0 = one per core.</summary>
    public int Threads { get; init; }

    public void Validate()
    {
        if (Iterations <= 0) throw new ArgumentOutOfRangeException(nameof(Iterations), Iterations, "must be positive");
        if (Warmup < 0) throw new ArgumentOutOfRangeException(nameof(Warmup), Warmup, "must not be negative");
        if (TrainBatch <= 0) throw new ArgumentOutOfRangeException(nameof(TrainBatch), TrainBatch, "must be positive");
        if (BatchedJobs <= 0) throw new ArgumentOutOfRangeException(nameof(BatchedJobs), BatchedJobs, "must be positive");
        if (Threads < 0) throw new ArgumentOutOfRangeException(nameof(Threads), Threads, "must not be negative");
    }
}
