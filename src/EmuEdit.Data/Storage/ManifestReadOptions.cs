namespace EmuEdit.Data.Storage;

public sealed record ManifestReadOptions
{
    /// <summary>Check that every referenced image file exists (one stat per file; turn off for huge remote datasets).</summary>
    public bool CheckFiles { get; init; } = true;
    /// <summary>Accept task names outside the 16 + 4 known ones (a user's own tasks, for inversion).</summary>
    public bool AllowUnknownTasks { get; init; }
}
