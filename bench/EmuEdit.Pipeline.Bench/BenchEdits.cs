using EmuEdit.Data.Generation;
using EmuEdit.Data.Tasks;

namespace EmuEdit.Pipeline.Bench;

/// <summary>Benchmark-split examples of every trained task in turn, as PNG bytes with their instructions.</summary>
public static class BenchEdits
{
    public static IReadOnlyList<BenchEdit> Generate(int count, int imageSize)
    {
        var generator = new ExampleGenerator(new GeneratorOptions().WithSize(imageSize, imageSize));
        string folder = Path.Combine(Path.GetTempPath(), "emuedit-bench-images-" + Guid.NewGuid().ToString("N"));
        try
        {
            var edits = new List<BenchEdit>(count);
            for (int i = 0; i < count; i++)
            {
                string task = EditTasks.Trained[i % EditTasks.Trained.Count];
                EditExample example = generator.Generate(task, i / EditTasks.Trained.Count, Split.Benchmark);
                string png = Path.Combine(folder, $"{i}.png");
                example.Input.SavePng(png);
                edits.Add(new BenchEdit(task, File.ReadAllBytes(png), example.Instruction, (ulong)i));
            }
            return edits;
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }
}
