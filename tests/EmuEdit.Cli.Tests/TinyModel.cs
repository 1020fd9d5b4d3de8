using EmuEdit.Data.Generation;
using EmuEdit.Data.Storage;
using EmuEdit.Data.Tasks;
using EmuEdit.Model;
using EmuEdit.TaskPrediction;
using EmuEdit.Testing;

namespace EmuEdit.Cli.Tests;

/// <summary>
/// A random 32x32 checkpoint in the layout the engine loads (ModelCheckpoint files + task_predictor.json),
/// small enough that an edit takes milliseconds, and a tiny benchmark at the same size (one example per task).
/// No trained weights are needed: these tests check the paths, not the quality.
/// </summary>
public sealed class TinyModel : IDisposable
{
    public const int Side = 32;
    public const int PerTask = 1;

    private const string ConfigJson = """
    {
      "name": "cli-test",
      "autoencoder": { "imageSize": 32, "inChannels": 3, "latentChannels": 4, "downFactor": 4,
                       "widths": [8, 8, 16], "resBlocksPerLevel": 1, "normGroups": 4,
                       "klWeight": 1e-5, "reconstructionLoss": "l1" },
      "textEncoder": { "contextLength": 16, "width": 16, "layers": 1, "heads": 2,
                       "feedForwardMultiplier": 2, "vocabularySize": 512 },
      "unet": { "baseWidth": 8, "channelMultipliers": [1, 2], "resBlocksPerLevel": 1,
                "attentionLevels": [1], "midAttention": false, "heads": 2, "taskTokens": 1,
                "normGroups": 4, "timeEmbeddingMultiplier": 2, "feedForwardMultiplier": 2 },
      "tasks": { "count": 16, "embeddingDim": 8 }
    }
    """;

    public TinyModel()
    {
        Root = Path.Combine(Path.GetTempPath(), "emuedit-cli-tests", Guid.NewGuid().ToString("N"));
        ModelFolder = Path.Combine(Root, "model");
        BenchmarkRoot = Path.Combine(Root, "data");
        var generator = new ExampleGenerator(new GeneratorOptions().WithSize(Side, Side));
        DatasetWriter.Write(Path.Combine(BenchmarkRoot, "benchmark"), generator, EditTasks.All, Split.Benchmark, BenchmarkSet.FirstSeed, PerTask);

        var phrasings = EditTasks.Trained.SelectMany(t => Enumerable.Range(0, 4).Select(i => generator.Generate(t, i, Split.Train)))
            .Select(e => new LabelledInstruction(e.Instruction, e.Task)).ToArray();
        // Zero-initialised layers stay at zero: these tests check the paths, not what the edits look like.
        RandomModelFolder.Write(ModelFolder, ConfigJson, phrasings, EditTasks.Trained, weightSeed: 3, perturbScale: 0);
    }

    public string Root { get; }
    public string ModelFolder { get; }
    public string BenchmarkRoot { get; }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
