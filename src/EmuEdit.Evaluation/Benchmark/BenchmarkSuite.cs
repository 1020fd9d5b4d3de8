using EmuEdit.Data.Storage;
using EmuEdit.Data.Tasks;

namespace EmuEdit.Evaluation.Benchmark;

/// <summary>
/// Loads the fixed benchmark that `emuedit data benchmark --out DIR` writes (DIR/benchmark/manifest.jsonl),
/// or any manifest in the same format, keeping manifest order and at most a given number of examples per task.
/// </summary>
public static class BenchmarkSuite
{
    public const string ManifestFile = "manifest.jsonl";
    public const string BenchmarkFolder = "benchmark";

    /// <summary>The manifest a path names: a manifest file, a folder holding one, or a benchmark root holding benchmark/.</summary>
    public static string ResolveManifest(string path)
    {
        if (File.Exists(path)) return Path.GetFullPath(path);
        foreach (var candidate in new[] { Path.Combine(path, BenchmarkFolder, ManifestFile), Path.Combine(path, ManifestFile) })
        {
            if (File.Exists(candidate)) return Path.GetFullPath(candidate);
        }
        throw new FileNotFoundException(
            $"No benchmark manifest at {path} (looked for {Path.Combine(BenchmarkFolder, ManifestFile)} and {ManifestFile}); " +
            "write one with `emuedit data benchmark --out DIR`.", path);
    }

    /// <param name="path">See <see cref="ResolveManifest"/>.</param>
    /// <param name="limitPerTask">Keep the first N examples of each task (null: all).</param>
    public static IReadOnlyList<BenchmarkExample> Load(string path, int? limitPerTask = null)
    {
        if (limitPerTask is <= 0) throw new ArgumentOutOfRangeException(nameof(limitPerTask), "must be positive");
        var manifest = ResolveManifest(path);
        var taken = new Dictionary<string, int>(StringComparer.Ordinal);
        var examples = new List<BenchmarkExample>();
        foreach (var record in ManifestReader.Read(manifest))
        {
            var count = taken.GetValueOrDefault(record.Task);
            if (limitPerTask is { } limit && count >= limit) continue;
            taken[record.Task] = count + 1;
            examples.Add(FromRecord(record));
        }
        if (examples.Count == 0) throw new InvalidDataException($"{manifest} holds no examples.");
        return examples;
    }

    public static BenchmarkExample FromRecord(ManifestRecord record)
    {
        var input = ImageConversion.ToPlanar(record.LoadInput());
        var target = ImageConversion.ToPlanar(record.LoadOutput());
        if (input.Width != target.Width || input.Height != target.Height)
            throw new InvalidDataException($"line {record.LineNumber}: input is {input.Width}x{input.Height}, output {target.Width}x{target.Height}.");
        var mask = record.LoadMask() is { } m ? ImageConversion.ToMask(m) : EditMask.Full(input.Width, input.Height);
        return new BenchmarkExample
        {
            Id = record.Id ?? $"line{record.LineNumber}",
            Task = record.Task,
            Category = record.Category,
            Instruction = record.Instruction,
            InputCaption = record.InputCaption ?? "",
            OutputCaption = record.OutputCaption ?? "",
            Input = input,
            Target = target,
            Mask = mask,
            InputPath = record.InputPath,
            IsUnseen = EditTasks.IsUnseen(record.Task),
        };
    }
}
