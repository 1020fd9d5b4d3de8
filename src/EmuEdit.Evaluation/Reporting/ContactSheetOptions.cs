namespace EmuEdit.Evaluation.Reporting;

/// <summary>Layout of a benchmark contact sheet.</summary>
public sealed record ContactSheetOptions
{
    /// <summary>Nearest-neighbour magnification of each image (64 px images are unreadable at 1x).</summary>
    public int Scale { get; init; } = 2;
    public int FontScale { get; init; } = 1;
    /// <summary>Examples per row of the sheet.</summary>
    public int Columns { get; init; } = 2;
    public int Gap { get; init; } = 6;
    /// <summary>Examples drawn per task.</summary>
    public int PerTask { get; init; } = 8;
    /// <summary>Whether each caption starts with the example's task (on a sheet that mixes tasks).</summary>
    public bool NameTask { get; init; }
}
