namespace EmuEdit.TaskPrediction;

/// <summary>Which features an instruction is described by.</summary>
public sealed record FeatureOptions
{
    /// <summary>Word n-grams from 1 up to this length.</summary>
    public int MaxWordNgram { get; init; } = 2;

    /// <summary>
    /// Character n-grams of each word (with boundary marks) in this range: they carry the stem of a
    /// word into forms never seen in training ("recolour" / "recoloring").
    /// </summary>
    public int MinCharNgram { get; init; } = 3;

    public int MaxCharNgram { get; init; } = 5;
}
