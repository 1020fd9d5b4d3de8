namespace EmuEdit.TaskPrediction;

/// <summary>How the task predictor is trained (stochastic gradient descent on the cross-entropy).</summary>
public sealed record TrainerOptions
{
    public FeatureOptions Features { get; init; } = new();

    /// <summary>Features seen fewer times than this are not kept: they are noise and bloat the file.</summary>
    public int MinFeatureCount { get; init; } = 2;

    public int Epochs { get; init; } = 8;

    public float LearningRate { get; init; } = 0.5f;

    /// <summary>L2 penalty per update; keeps any single n-gram from dominating.</summary>
    public float L2 { get; init; } = 1e-6f;

    public ulong Seed { get; init; } = 1;
}
