namespace EmuEdit.Testing;

/// <summary>The model folder the repository ships (models/default), found from a test's output folder.</summary>
public static class ShippedModel
{
    /// <summary>models/default of the repository the test runs from, which must hold <paramref name="requiredFile"/>.</summary>
    public static string Folder(string requiredFile)
    {
        // Tests run from tests/PROJECT/bin/...: walk up to the repository root.
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "models", "default");
            if (File.Exists(Path.Combine(candidate, requiredFile))) return candidate;
        }
        throw new DirectoryNotFoundException($"No models/default/{requiredFile} above {AppContext.BaseDirectory}.");
    }
}
