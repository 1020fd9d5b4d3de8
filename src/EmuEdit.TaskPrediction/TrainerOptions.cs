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

    /// <summary>How the sentence-embedding view is trained, when the trainer is given an encoder.</summary>
    public EmbeddingTrainerOptions Embedding { get; init; } = new();
}

/// <summary>Training the weights over the frozen sentence embedding, jointly with the n-gram weights.</summary>
public sealed record EmbeddingTrainerOptions
{
    /// <summary>Multiplies the unit-length embedding; with n-grams also unit-scaled, 2 lets the embedding speak as loudly as the n-grams.</summary>
    public float Scale { get; init; } = 2f;

    /// <summary>
    /// Chance per training step of hiding the n-grams, so the embedding weights must classify on their
    /// own. Without it the n-grams fit the training phrasings first and leave the embedding little to
    /// learn, and held-out words (which have no n-gram weights) get no help from it.
    /// </summary>
    public double NgramDropout { get; init; } = 0.5;

    /// <summary>L2 penalty per update on the embedding weights.</summary>
    public float L2 { get; init; } = 1e-4f;

    public void Validate()
    {
        if (Scale <= 0) throw new ArgumentOutOfRangeException(nameof(Scale), Scale, "must be > 0");
        if (NgramDropout is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(NgramDropout), NgramDropout, "must be in [0, 1)");
        if (L2 < 0) throw new ArgumentOutOfRangeException(nameof(L2), L2, "must be >= 0");
    }
}
