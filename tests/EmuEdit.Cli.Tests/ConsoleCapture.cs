namespace EmuEdit.Cli.Tests;

/// <summary>Runs a command with stdout and stderr captured; the tests that use it share one collection so nothing else writes meanwhile.</summary>
internal static class ConsoleCapture
{
    public static (int ExitCode, string Out, string Error) Run(System.CommandLine.Command command, params string[] args)
    {
        var (oldOut, oldError) = (Console.Out, Console.Error);
        using var output = new StringWriter();
        using var error = new StringWriter();
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            var code = command.Parse(args).Invoke();
            return (code, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldError);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<TinyModel>
{
    public const string Name = "console";
}
