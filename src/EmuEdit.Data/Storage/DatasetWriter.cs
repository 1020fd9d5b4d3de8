using System.Text.Json;
using System.Text.Json.Nodes;
using EmuEdit.Data.Generation;
using EmuEdit.Data.Scenes;

namespace EmuEdit.Data.Storage;

/// <summary>
/// Writes examples as PNG files plus a JSON-lines manifest (paths relative to the manifest), the format
/// <see cref="ManifestReader"/> reads back. Layout: DIR/manifest.jsonl, DIR/images/TASK/ID.{input,target,mask}.png.
/// </summary>
public static class DatasetWriter
{
    public const string ManifestName = "manifest.jsonl";
    private const int ChunkSize = 512;

    /// <summary>
    /// Generates <paramref name="perTask"/> examples of each task with seeds firstSeed, firstSeed+1, ...
    /// (in parallel; the file is in a fixed order regardless) into DIR; returns how many were written.
    /// </summary>
    public static int Write(string dir, ExampleGenerator generator, IReadOnlyList<string> tasks, Split split, long firstSeed, int perTask, bool append = false)
    {
        foreach (var task in tasks) ExampleGenerator.CheckSplit(task, split);
        Directory.CreateDirectory(dir);
        using var manifest = new StreamWriter(Path.Combine(dir, ManifestName), append);
        int written = 0;
        foreach (var task in tasks)
            // In chunks, so memory stays flat however many examples a task gets.
            for (int start = 0; start < perTask; start += ChunkSize)
            {
                var batch = new EditExample[Math.Min(ChunkSize, perTask - start)];
                Parallel.For(0, batch.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
                {
                    var e = generator.Generate(task, firstSeed + start + i, split);
                    SaveImages(dir, e);
                    batch[i] = e;
                });
                foreach (var e in batch)
                {
                    manifest.WriteLine(ToJson(e).ToJsonString());
                    written++;
                }
            }
        return written;
    }

    public static (string Input, string Target, string Mask) RelativePaths(EditExample e)
    {
        string stem = $"images/{e.Task}/{e.Id}";
        return ($"{stem}.input.png", $"{stem}.target.png", $"{stem}.mask.png");
    }

    private static void SaveImages(string dir, EditExample e)
    {
        var (input, target, mask) = RelativePaths(e);
        e.Input.SavePng(Path.Combine(dir, input));
        e.Target.SavePng(Path.Combine(dir, target));
        e.Mask.SavePng(Path.Combine(dir, mask));
    }

    public static JsonObject ToJson(EditExample e)
    {
        var (input, target, mask) = RelativePaths(e);
        return new JsonObject
        {
            [ManifestFields.Id] = e.Id,
            [ManifestFields.Task] = e.Task,
            [ManifestFields.Split] = e.Split.ToString().ToLowerInvariant(),
            [ManifestFields.Seed] = e.Seed,
            [ManifestFields.Attempt] = e.Attempt,
            [ManifestFields.Instruction] = e.Instruction,
            [ManifestFields.Input] = input,
            [ManifestFields.Output] = target,
            [ManifestFields.Mask] = mask,
            [ManifestFields.InputCaption] = e.InputCaption,
            [ManifestFields.OutputCaption] = e.OutputCaption,
            [ManifestFields.Phrasing] = e.PhrasingId,
            [ManifestFields.HeldOut] = e.HeldOutPhrasing,
            [ManifestFields.Category] = e.BenchmarkCategory,
            [ManifestFields.InputScene] = SceneJson.ToNode(e.InputScene),
            [ManifestFields.OutputScene] = SceneJson.ToNode(e.OutputScene),
        };
    }
}
