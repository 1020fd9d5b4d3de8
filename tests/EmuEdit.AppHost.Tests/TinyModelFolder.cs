using System.Globalization;
using EmuEdit.Model;
using EmuEdit.TaskPrediction;
using EmuEdit.Testing;

namespace EmuEdit.AppHost.Tests;

/// <summary>
/// A model folder the services can load in a second: a randomly initialised editor far smaller than
/// the tiny preset (64×64 images, so its results are cheap) and a task predictor fitted to a handful
/// of instructions. Random weights edit nonsense, but deterministic nonsense, which is what the
/// end-to-end tests compare.
/// </summary>
public sealed class TinyModelFolder : IDisposable
{
    public const int ImageSize = 64;

    // The sampler settings the model asks for; not the DiffusionOptions defaults, so the tests show that
    // the gateway serves the model's own values to edits that name none.
    public const int DefaultSteps = 12;
    public const float ImageGuidanceScale = 1.25f;
    public const float TextGuidanceScale = 3.5f;

    private static readonly string ConfigJson = string.Create(CultureInfo.InvariantCulture, $$"""
    {
      "name": "e2e",
      "autoencoder": { "imageSize": 64, "inChannels": 3, "latentChannels": 16, "downFactor": 4,
                       "widths": [8, 16, 16], "resBlocksPerLevel": 1, "normGroups": 4,
                       "klWeight": 1e-5, "reconstructionLoss": "l1" },
      "textEncoder": { "contextLength": 8, "width": 32, "layers": 2, "heads": 2,
                       "feedForwardMultiplier": 2, "vocabularySize": 64 },
      "unet": { "baseWidth": 16, "channelMultipliers": [1, 2], "resBlocksPerLevel": 1,
                "attentionLevels": [1], "midAttention": true, "heads": 2, "taskTokens": 2,
                "normGroups": 4, "timeEmbeddingMultiplier": 2, "feedForwardMultiplier": 2 },
      "tasks": { "count": 16, "embeddingDim": 16 },
      "diffusion": { "defaultInferenceSteps": {{DefaultSteps}}, "imageGuidanceScale": {{ImageGuidanceScale}}, "textGuidanceScale": {{TextGuidanceScale}} }
    }
    """);

    /// <summary>Instructions with their tasks: the tokenizer's corpus and the predictor's training set.</summary>
    public static readonly LabelledInstruction[] Examples =
    [
        new("make the sky blue", "local"),
        new("make the circle red", "local"),
        new("remove the red triangle", "remove"),
        new("remove the square", "remove"),
        new("add a green circle", "add"),
        new("add a yellow star", "add"),
        new("turn the background into a forest", "background"),
        new("change the background to the sea", "background"),
        new("make it look like winter", "global"),
        new("make it look like night", "global"),
    ];

    private const long WeightSeed = 1;
    private const double PerturbScale = 0.05;

    private TinyModelFolder(string path) => Path = path;

    public string Path { get; }

    public static TinyModelFolder Create()
    {
        string path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "emuedit-e2e-model-" + Guid.NewGuid().ToString("N"));
        RandomModelFolder.Write(path, ConfigJson, Examples, BuiltInTasks.Names, WeightSeed, PerturbScale);
        return new TinyModelFolder(path);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A service may still hold a file open while the app shuts down; the temp folder is cleaned eventually.
        }
    }
}
