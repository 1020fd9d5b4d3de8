using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;

namespace EmuEdit.DiffusionWorker.Tests.Sigterm;

/// <summary>
/// The diffusion worker as the cluster runs it: its own build output started with <c>dotnet</c>, configured
/// through environment variables, stopped with a real SIGTERM (what the kubelet sends on a scale-down).
/// </summary>
public sealed class WorkerProcess : IDisposable
{
    private const int SigTerm = 15;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly System.Diagnostics.Process _process;

    private WorkerProcess(System.Diagnostics.Process process) => _process = process;

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Everything the worker printed so far, for failure messages.</summary>
    public string Output => string.Join('\n', _output);

    public static WorkerProcess Start(IReadOnlyDictionary<string, string> environment)
    {
        var dll = WorkerDll();
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        var process = System.Diagnostics.Process.Start(start) ?? throw new InvalidOperationException($"Could not start {dll}.");
        var worker = new WorkerProcess(process);
        process.OutputDataReceived += (_, line) => { if (line.Data is not null) worker._output.Enqueue(line.Data); };
        process.ErrorDataReceived += (_, line) => { if (line.Data is not null) worker._output.Enqueue(line.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return worker;
    }

    /// <summary>Sends SIGTERM (Process.Kill would send SIGKILL, which no program can handle).</summary>
    public void Terminate()
    {
        if (Kill(_process.Id, SigTerm) != 0)
            throw new InvalidOperationException($"kill({_process.Id}, SIGTERM) failed with errno {Marshal.GetLastPInvokeError()}.");
    }

    /// <summary>Waits until the worker has printed a line containing <paramref name="text"/>.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var waited = Stopwatch.StartNew();
        while (!_output.Any(line => line.Contains(text, StringComparison.Ordinal)))
        {
            if (waited.Elapsed > timeout) Assert.Fail($"the worker did not print \"{text}\" within {timeout}:\n{Output}");
            await Task.Delay(20);
        }
    }

    /// <summary>Waits for the exit; false when it is still running after <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(limit.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _process.Dispose();
    }

    // DllImport rather than LibraryImport: the generated marshalling would need unsafe code for one int call.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    /// <summary>The worker's own build output (same configuration as these tests), as it would be published.</summary>
    private static string WorkerDll()
    {
        var configuration = typeof(WorkerProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var root = RepositoryRoot();
        var output = Path.Combine(root, "services", "EmuEdit.DiffusionWorker", "bin", configuration, "net10.0");
        var dll = Directory.Exists(output)
            ? Directory.EnumerateFiles(output, "EmuEdit.DiffusionWorker.dll", SearchOption.AllDirectories).FirstOrDefault()
            : null;
        return dll ?? throw new InvalidOperationException($"No EmuEdit.DiffusionWorker.dll under {output}: build the solution in {configuration} first.");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "EmuEdit.Cloud.sln"))) return dir.FullName;
        throw new InvalidOperationException($"No EmuEdit.Cloud.sln above {AppContext.BaseDirectory}.");
    }

    /// <summary>The dotnet host running these tests (the SDK exports it to child processes), else the one on PATH.</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
}
