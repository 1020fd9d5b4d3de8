namespace EmuEdit.Data.Storage;

/// <summary>A manifest with malformed lines; <see cref="Errors"/> lists every one as "path:line N: problem".</summary>
public sealed class ManifestException(string path, IReadOnlyList<string> errors)
    : Exception($"{errors.Count} malformed line(s) in {path}:{Environment.NewLine}{string.Join(Environment.NewLine, errors.Take(20))}" +
                (errors.Count > 20 ? $"{Environment.NewLine}... and {errors.Count - 20} more" : ""))
{
    public string ManifestPath { get; } = path;
    public IReadOnlyList<string> Errors { get; } = errors;
}
