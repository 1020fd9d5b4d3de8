using EmuEdit.Data.Generation;
using EmuEdit.Data.Storage;
using EmuEdit.Data.Tasks;

namespace EmuEdit.Evaluation.Tests;

/// <summary>
/// A benchmark folder laid out as `emuedit data benchmark` writes it (DIR/benchmark/manifest.jsonl),
/// with a couple of examples per task at 32x32 so it is written in about a second. Shared by the tests
/// of a class through xunit's class fixture; removed at the end.
/// </summary>
public sealed class TinyBenchmark : IDisposable
{
    public const int PerTask = 2;
    public const int Side = 32;

    public TinyBenchmark()
    {
        Root = Path.Combine(Path.GetTempPath(), "emuedit-eval-tests", Guid.NewGuid().ToString("N"));
        var generator = new ExampleGenerator(new GeneratorOptions().WithSize(Side, Side));
        DatasetWriter.Write(Path.Combine(Root, "benchmark"), generator, EditTasks.All, Split.Benchmark, BenchmarkSet.FirstSeed, PerTask);
    }

    public string Root { get; }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}
