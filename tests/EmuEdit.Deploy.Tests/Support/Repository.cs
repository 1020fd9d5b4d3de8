namespace EmuEdit.Deploy.Tests.Support;

/// <summary>Paths of the checkout these tests run in.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string K8s => Path.Combine(Root, "k8s");


    /// <summary>Every overlay under k8s/overlays, by folder name.</summary>
    public static IReadOnlyList<string> Overlays() =>
        Directory.GetDirectories(Path.Combine(K8s, "overlays")).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();

    /// <summary>The projects under services/ (one folder each).</summary>
    public static IReadOnlyList<string> ServiceProjects() =>
        Directory.GetDirectories(Path.Combine(Root, "services"))
            .Select(dir => Path.Combine(dir, Path.GetFileName(dir) + ".csproj"))
            .Where(File.Exists)
            .Order(StringComparer.Ordinal)
            .ToList();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "EmuEdit.Cloud.sln"))) return dir.FullName;
        throw new InvalidOperationException($"No EmuEdit.Cloud.sln above {AppContext.BaseDirectory}.");
    }
}
