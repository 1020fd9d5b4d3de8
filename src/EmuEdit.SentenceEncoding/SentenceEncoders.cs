using System.Collections.Concurrent;

namespace EmuEdit.SentenceEncoding;

/// <summary>
/// One <see cref="SentenceEncoder"/> per encoder folder for the whole process: every predictor that
/// names the same encoder shares its ONNX session, which is created on first use and lives until the
/// process ends (a session is thread-safe, and creating a second would double ~90 MB and a second of start-up).
/// </summary>
public static class SentenceEncoders
{
    /// <summary>Where the build copies the packaged encoders, under the application's folder.</summary>
    public const string FolderName = "encoders";

    private static readonly ConcurrentDictionary<(string Folder, SentenceEncoderOptions Options), Lazy<SentenceEncoder>> Cache = new();

    /// <summary>The process's encoder for <paramref name="folder"/> and these options, created on the first call.</summary>
    public static SentenceEncoder Shared(string folder, SentenceEncoderOptions? options = null)
    {
        var key = (Path.GetFullPath(folder), options ?? new SentenceEncoderOptions());
        // Lazy with ExecutionAndPublication: concurrent first callers wait for one creation instead of racing.
        var lazy = Cache.GetOrAdd(key, k => new Lazy<SentenceEncoder>(() => SentenceEncoder.Load(k.Folder, k.Options), LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return lazy.Value;
        }
        catch
        {
            // A failed load (missing files) must not be cached forever: the next call tries again.
            Cache.TryRemove(new KeyValuePair<(string, SentenceEncoderOptions), Lazy<SentenceEncoder>>(key, lazy));
            throw;
        }
    }

    /// <summary>
    /// The folder of the encoder called <paramref name="name"/>: <c>encoders/NAME</c> in the model folder
    /// when it carries its own, else beside the application's binaries, where the build puts the packaged one.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">Neither exists.</exception>
    public static string Locate(string name, string? modelFolder = null)
    {
        if (string.IsNullOrWhiteSpace(name) || name.IndexOfAny(['/', '\\']) >= 0 || name is "." or "..")
            throw new ArgumentException($"'{name}' is not an encoder name.", nameof(name));
        string[] candidates = modelFolder is null
            ? [Path.Combine(AppContext.BaseDirectory, FolderName, name)]
            : [Path.Combine(modelFolder, FolderName, name), Path.Combine(AppContext.BaseDirectory, FolderName, name)];
        return candidates.FirstOrDefault(Directory.Exists)
            ?? throw new DirectoryNotFoundException($"Sentence encoder '{name}' not found; looked in {string.Join(" and ", candidates)}.");
    }
}
