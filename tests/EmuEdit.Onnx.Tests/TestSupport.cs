using EmuEdit.Model;
using EmuEdit.Onnx.Export;
using EmuEdit.Onnx.Graph;
using Microsoft.Extensions.Logging;
using TorchSharp;
using static TorchSharp.torch;

namespace EmuEdit.Onnx.Tests;

/// <summary>A folder for the test's model files, removed afterwards; LibTorch loaded and seeded.</summary>
public abstract class OnnxTestBase : IDisposable
{
    protected OnnxTestBase()
    {
        TorchRuntime.Initialise();
        Directory = Path.Combine(Path.GetTempPath(), "emuedit-onnx-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
    }

    protected string Directory { get; }

    protected string Export(nn.Module module, OnnxTensorSpec[] inputs, OnnxTensorSpec[] outputs, OnnxExportOptions? options = null, string name = "model.onnx")
    {
        var path = Path.Combine(Directory, name);
        OnnxExporter.Export(module, inputs, outputs, path, options);
        return path;
    }

    protected static float[] Floats(Tensor t) => OnnxExportContext.ReadFloats(t);

    protected static float MaxAbsDiff(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        var max = 0f;
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.False(float.IsNaN(actual[i]), $"ONNX output has NaN at {i}");
            max = MathF.Max(max, MathF.Abs(expected[i] - actual[i]));
        }
        return max;
    }

    public void Dispose()
    {
        GC.SuppressFinalize(this);
        try { System.IO.Directory.Delete(Directory, recursive: true); }
        catch (IOException) { /* a session still mapping the file on another thread; the OS temp cleaner gets it */ }
    }
}

/// <summary>Keeps what was logged so tests can check the lines operators will read.</summary>
public sealed class ListLogger : ILogger
{
    private readonly List<(LogLevel Level, string Message)> _entries = [];

    public IReadOnlyList<(LogLevel Level, string Message)> Entries
    {
        get { lock (_entries) return [.. _entries]; }
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_entries) _entries.Add((logLevel, formatter(state, exception)));
    }
}
