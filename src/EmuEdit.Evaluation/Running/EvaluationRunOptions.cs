namespace EmuEdit.Evaluation.Running;

/// <summary>How the evaluator feeds an editor.</summary>
public sealed record EvaluationRunOptions
{
    /// <summary>Examples handed to the editor at once (a model batches its sampling over them).</summary>
    public int BatchSize { get; init; } = 8;

    public void Validate()
    {
        if (BatchSize <= 0) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "must be positive");
    }
}
