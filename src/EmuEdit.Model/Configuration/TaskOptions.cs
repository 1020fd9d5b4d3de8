namespace EmuEdit.Model.Configuration;

/// <summary>The learned task embedding table (paper §4.2).</summary>
public sealed record TaskOptions
{
    /// <summary>k, rows of the table: one learned vector per built-in task.</summary>
    public required int Count { get; init; }

    /// <summary>Length of each task vector v_i (and of any inverted task vector).</summary>
    public required int EmbeddingDim { get; init; }

    internal void Validate(ConfigProblems problems)
    {
        problems.Require(Count > 0, $"tasks.count must be positive (got {Count})");
        problems.Require(EmbeddingDim > 0, $"tasks.embeddingDim must be positive (got {EmbeddingDim})");
    }
}
