namespace EmuEdit.Training.Runs;

/// <summary>
/// Replaces a folder as a whole: the new contents are written beside it and swapped in by renames, so a
/// run killed mid-checkpoint leaves either the old folder or the new one, never a half-written mix.
/// </summary>
public static class AtomicFolder
{
    private const string TempSuffix = ".tmp";
    private const string OldSuffix = ".old";

    /// <summary>Writes <paramref name="target"/> through <paramref name="write"/>, which receives the folder to fill.</summary>
    public static void Replace(string target, Action<string> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(target);
        var temp = full + TempSuffix;
        var old = full + OldSuffix;
        if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
        Directory.CreateDirectory(temp);
        write(temp);
        if (Directory.Exists(old)) Directory.Delete(old, recursive: true);
        if (Directory.Exists(full)) Directory.Move(full, old);
        Directory.Move(temp, full);
        if (Directory.Exists(old)) Directory.Delete(old, recursive: true);
    }

    /// <summary>
    /// Finishes a swap that a kill interrupted between its two renames (the previous folder is then only
    /// under its ".old" name) and drops half-written temporaries; returns whether the folder exists.
    /// </summary>
    public static bool Recover(string target)
    {
        var full = Path.GetFullPath(target);
        var temp = full + TempSuffix;
        var old = full + OldSuffix;
        if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
        if (!Directory.Exists(full) && Directory.Exists(old)) Directory.Move(old, full);
        else if (Directory.Exists(old)) Directory.Delete(old, recursive: true);
        return Directory.Exists(full);
    }
}
