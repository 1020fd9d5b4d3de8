namespace EmuEdit.Data.Instructions;

/// <summary>How clear-cut a superlative must be before "the one on the left" counts as unambiguous.</summary>
public sealed record ReferenceOptions
{
    /// <summary>Minimum gap (fraction of the image side) between the extreme object and the runner-up.</summary>
    public float PositionMargin { get; init; } = 0.12f;
    /// <summary>Minimum size ratio between the biggest (smallest) object and the runner-up.</summary>
    public float SizeRatio { get; init; } = 1.3f;
}
