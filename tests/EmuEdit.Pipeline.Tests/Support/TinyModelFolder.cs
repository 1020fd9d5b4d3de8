using EmuEdit.TaskPrediction;
using EmuEdit.Testing;

namespace EmuEdit.Pipeline.Tests.Support;

/// <summary>
/// A randomly initialised checkpoint small enough for tests, plus a task predictor trained on a handful of
/// phrasings, written to a temp folder in the layout the services load. No trained weights exist yet, and
/// the tests only need every part to be deterministic and sensitive to its inputs.
/// </summary>
public sealed class TinyModelFolder : IDisposable
{
    public const string ConfigJson = """
    {
      "name": "pipeline-test",
      "autoencoder": { "imageSize": 32, "inChannels": 3, "latentChannels": 4, "downFactor": 4,
                       "widths": [8, 8, 16], "resBlocksPerLevel": 1, "normGroups": 4,
                       "klWeight": 1e-5, "reconstructionLoss": "l1" },
      "textEncoder": { "contextLength": 8, "width": 16, "layers": 1, "heads": 2,
                       "feedForwardMultiplier": 2, "vocabularySize": 64 },
      "unet": { "baseWidth": 8, "channelMultipliers": [1, 2], "resBlocksPerLevel": 1,
                "attentionLevels": [1], "midAttention": true, "heads": 2, "taskTokens": 1,
                "normGroups": 4, "timeEmbeddingMultiplier": 2, "feedForwardMultiplier": 2 },
      "tasks": { "count": 16, "embeddingDim": 8 }
    }
    """;

    /// <summary>Phrasings per task for the predictor and the vocabulary.</summary>
    public static readonly (string Instruction, string Task)[] Phrasings =
    [
        ("remove the red circle", "remove"), ("delete the blue square", "remove"), ("get rid of the star", "remove"),
        ("change the background to a beach", "background"), ("put it in front of a forest background", "background"),
        ("make the picture brighter", "color"), ("increase the contrast", "color"), ("blur the image", "color"),
        ("add a green circle", "add"), ("insert a yellow star", "add"),
    ];

    /// <summary>tasks.embeddingDim of <see cref="ConfigJson"/>: registered task vectors must have this length.</summary>
    public const int TaskEmbeddingDim = 8;

    private const double PerturbScale = 0.05;

    private const long WeightSeed = 7;

    public TinyModelFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"emuedit-pipeline-{Guid.NewGuid():N}");
        var tasks = Phrasings.Select(p => p.Task).Distinct().ToArray();
        RandomModelFolder.Write(Path, ConfigJson, Phrasings.Select(p => new LabelledInstruction(p.Instruction, p.Task)).ToArray(),
            tasks, WeightSeed, PerturbScale);
    }

    public string Path { get; }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
