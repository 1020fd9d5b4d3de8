using EmuEdit.Data.Storage;
using EmuEdit.Model.Checkpoints;
using EmuEdit.Model.Configuration;

namespace EmuEdit.Cli;

/// <summary>Bad arguments and missing files end a command with one clear line and exit code 2, not a stack trace.</summary>
public static class CliErrors
{
    public const int UsageError = 2;

    public static int Guarded(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (e is ArgumentException or ManifestException or IOException or InvalidDataException
                                      or ModelConfigException or CheckpointMismatchException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return UsageError;
        }
    }
}
