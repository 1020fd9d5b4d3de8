using System.Diagnostics;

namespace EmuEdit.AppHost;

/// <summary>
/// Whether a container runtime answers. Aspire's Redis resource waits forever without one, so the
/// choice must be made before the app starts: ask the runtime's own client for its server version,
/// with a deadline, and count anything but a quick, clean answer as "no".
/// </summary>
public static class ContainerRuntimeProbe
{
    /// <summary>The runtime Aspire would use: ASPIRE_CONTAINER_RUNTIME (docker or podman), docker by default.</summary>
    public static string RuntimeName(Microsoft.Extensions.Configuration.IConfiguration configuration) =>
        configuration["ASPIRE_CONTAINER_RUNTIME"] ?? configuration["DOTNET_ASPIRE_CONTAINER_RUNTIME"] ?? "docker";

    public static bool Answers(string runtime, TimeSpan timeout)
    {
        string? executable = FindOnPath(runtime);
        if (executable is null) return false;

        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("info");
        start.ArgumentList.Add("--format");
        start.ArgumentList.Add("{{.ServerVersion}}");
        try
        {
            using Process process = Process.Start(start) ?? throw new InvalidOperationException($"{executable} did not start.");
            Task<string> output = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                // A client stuck on an unreachable daemon: stop this one process (by its handle) and move on.
                process.Kill(entireProcessTree: true);
                return false;
            }
            return process.ExitCode == 0 && !string.IsNullOrWhiteSpace(output.Result);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return false;
        }
    }

    private static string? FindOnPath(string name)
    {
        if (Path.IsPathRooted(name)) return File.Exists(name) ? name : null;
        string[] folders = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return folders.Select(folder => Path.Combine(folder, name)).FirstOrDefault(File.Exists);
    }
}
