using System.Diagnostics;
using System.Text.Json;

namespace EmuEdit.Deploy.Tests.Support;

/// <summary>
/// Asks MSBuild what a project evaluates to after running some of its targets (`dotnet msbuild -getProperty
/// -getItem`): the same evaluation `dotnet publish -t:PublishContainer` starts from, without building.
/// </summary>
public static class DotnetMsbuild
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    public static Evaluation Evaluate(string project, string? target, IEnumerable<string> properties, IEnumerable<string> items,
        IReadOnlyDictionary<string, string>? globalProperties = null)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Repository.Root,
        };
        start.ArgumentList.Add("msbuild");
        start.ArgumentList.Add(project);
        start.ArgumentList.Add("-nologo");
        start.ArgumentList.Add("-nodeReuse:false");
        if (target is not null) start.ArgumentList.Add($"-target:{target}");
        foreach (var p in properties) start.ArgumentList.Add($"-getProperty:{p}");
        foreach (var i in items) start.ArgumentList.Add($"-getItem:{i}");
        foreach (var (name, value) in globalProperties ?? new Dictionary<string, string>()) start.ArgumentList.Add($"-property:{name}={value}");
        // The test host's MSBuild variables (set by `dotnet test`) would point this run at the wrong SDK parts.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k == "MSBUILD_EXE_PATH").ToList())
            start.Environment.Remove(name);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet msbuild did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Patience)) { process.Kill(entireProcessTree: true); throw new TimeoutException($"dotnet msbuild {project} took over {Patience}"); }
        if (process.ExitCode != 0) throw new InvalidOperationException($"dotnet msbuild {project} failed ({process.ExitCode}):\n{stdout.Result}\n{stderr.Result}");
        return Evaluation.Parse(stdout.Result, properties.Count() + items.Count());
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
}

/// <summary>Evaluated properties, and items as (identity, metadata) pairs.</summary>
public sealed record Evaluation(IReadOnlyDictionary<string, string> Properties, IReadOnlyDictionary<string, IReadOnlyList<EvaluatedItem>> Items)
{
    public string Property(string name) => Properties.TryGetValue(name, out var v) ? v : "";

    public IReadOnlyList<EvaluatedItem> Item(string name) => Items.TryGetValue(name, out var v) ? v : [];

    public static Evaluation Parse(string output, int asked)
    {
        // With a single -getProperty MSBuild prints the bare value; with several, JSON. Ask for two or more.
        if (asked < 2) throw new ArgumentException("ask for at least two properties or items, so the answer is JSON");
        using var json = JsonDocument.Parse(output);
        var properties = new Dictionary<string, string>();
        if (json.RootElement.TryGetProperty("Properties", out var props))
            foreach (var p in props.EnumerateObject()) properties[p.Name] = p.Value.GetString() ?? "";
        var items = new Dictionary<string, IReadOnlyList<EvaluatedItem>>();
        if (json.RootElement.TryGetProperty("Items", out var all))
            foreach (var kind in all.EnumerateObject())
                items[kind.Name] = kind.Value.EnumerateArray()
                    .Select(i => new EvaluatedItem(i.GetProperty("Identity").GetString() ?? "",
                        i.EnumerateObject().ToDictionary(m => m.Name, m => m.Value.ValueKind == JsonValueKind.String ? m.Value.GetString() ?? "" : m.Value.ToString())))
                    .ToList();
        return new Evaluation(properties, items);
    }
}

public sealed record EvaluatedItem(string Identity, IReadOnlyDictionary<string, string> Metadata)
{
    public string Meta(string name) => Metadata.TryGetValue(name, out var v) ? v : "";
}
