using System.Diagnostics;

namespace EmuEdit.ModelServices.Tests;

/// <summary>A model service started as a process, as the AppHost starts it, without a usable model folder.</summary>
public sealed class StartupTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("EmuEdit.TaskPredictor.dll", "task-predictor")]
    [InlineData("EmuEdit.VaeDecoder.dll", "vae-decoder")]
    public async Task AMissingModelFolderStopsTheStartWithAClearMessage(string dll, string service)
    {
        var missing = Path.Combine(Path.GetTempPath(), $"emuedit-no-model-{Guid.NewGuid():N}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, dll));
        start.ArgumentList.Add($"--Model:Directory={missing}");
        start.ArgumentList.Add("--urls=http://127.0.0.1:0");
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Patience);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited) process.Kill();
        }
        Assert.Equal(1, process.ExitCode);
        var message = await stderr;
        Assert.Contains($"{service} cannot start", message);
        Assert.Contains(missing, message);
        Assert.Contains("does not exist", message);
        _ = await stdout;
    }
}
