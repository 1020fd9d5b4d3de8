using EmuEdit.Data.Generation;
using EmuEdit.Data.Tasks;

namespace EmuEdit.Data.Storage;

/// <summary>
/// The fixed evaluation set every evaluation uses: per task, examples with held-out phrasings from the
/// benchmark split's own random streams, at fixed seeds; plus few-shot training sets for the unseen tasks.
/// </summary>
public static class BenchmarkSet
{
    public const int DefaultPerTask = 50;
    /// <summary>First seed of the benchmark (and few-shot) examples, far from the small seeds training runs use.</summary>
    public const long FirstSeed = 1_000_000_000;
    /// <summary>Few-shot training examples per unseen task (the paper goes up to 100).</summary>
    public const int FewShotPerTask = 100;

    /// <summary>Writes DIR/benchmark (16 trained + 4 unseen tasks) and DIR/fewshot (unseen tasks, train phrasings).</summary>
    public static int Write(string dir, ExampleGenerator generator, int perTask = DefaultPerTask)
    {
        int n = DatasetWriter.Write(Path.Combine(dir, "benchmark"), generator, EditTasks.All, Split.Benchmark, FirstSeed, perTask);
        n += DatasetWriter.Write(Path.Combine(dir, "fewshot"), generator, EditTasks.Unseen, Split.FewShot, FirstSeed, FewShotPerTask);
        return n;
    }
}
