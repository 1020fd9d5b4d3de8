namespace EmuEdit.Cli.Training;

internal static class TrainingFormat
{
    public static string Duration(TimeSpan? span) => span is not { } s ? "?"
        : s.TotalHours >= 1 ? $"{(int)s.TotalHours}h{s.Minutes:D2}m"
        : $"{s.Minutes}m{s.Seconds:D2}s";
}
