using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EmuEdit.Onnx.Runtime;

/// <summary>
/// The process's ONNX sessions: one per model file, created on first use and kept until the
/// catalog is disposed. Register one catalog as a singleton; concurrent first requests for the
/// same file create one session, not several.
/// </summary>
public sealed class OnnxModelCatalog(OnnxSessionOptions options, ILoggerFactory? loggerFactory = null) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<OnnxModelSession>> _sessions = new(StringComparer.Ordinal);
    private readonly ILoggerFactory _loggers = loggerFactory ?? NullLoggerFactory.Instance;
    private bool _disposed;

    public OnnxSessionOptions Options { get; } = options;

    /// <summary>The session for <paramref name="modelPath"/>, loading it the first time.</summary>
    public OnnxModelSession Get(string modelPath)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var key = Path.GetFullPath(modelPath);
        var lazy = _sessions.GetOrAdd(key, k => new Lazy<OnnxModelSession>(
            () => new OnnxModelSession(k, Options, _loggers.CreateLogger<OnnxModelSession>()),
            LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return lazy.Value;
        }
        catch
        {
            // A failed load (missing file, bad model) must not stay cached: the next call retries.
            _sessions.TryRemove(new KeyValuePair<string, Lazy<OnnxModelSession>>(key, lazy));
            throw;
        }
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        foreach (var lazy in _sessions.Values)
            if (lazy.IsValueCreated) lazy.Value.Dispose();
        _sessions.Clear();
    }
}
