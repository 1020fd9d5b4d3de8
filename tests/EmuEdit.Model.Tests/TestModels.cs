using EmuEdit.Model.Configuration;
using EmuEdit.Model.Text;
using EmuEdit.Tokenization;
using static TorchSharp.torch;

namespace EmuEdit.Model.Tests;

/// <summary>Configs and helpers shared by the model tests: smaller than the tiny preset so each test takes well under a second.</summary>
internal static class TestModels
{
    public const string MicroJson = """
    {
      "name": "micro",
      "autoencoder": { "imageSize": 64, "inChannels": 3, "latentChannels": 16, "downFactor": 4,
                       "widths": [8, 16, 16], "resBlocksPerLevel": 1, "normGroups": 4,
                       "klWeight": 1e-5, "reconstructionLoss": "l1" },
      "textEncoder": { "contextLength": 8, "width": 32, "layers": 2, "heads": 2,
                       "feedForwardMultiplier": 2, "vocabularySize": 64 },
      "unet": { "baseWidth": 16, "channelMultipliers": [1, 2], "resBlocksPerLevel": 1,
                "attentionLevels": [1], "midAttention": true, "heads": 2, "taskTokens": 2,
                "normGroups": 4, "timeEmbeddingMultiplier": 2, "feedForwardMultiplier": 2 },
      "tasks": { "count": 16, "embeddingDim": 16 }
    }
    """;

    public static readonly string[] Corpus =
    [
        "make the sky blue",
        "remove the red triangle",
        "add a green circle",
        "turn the background into a forest",
        "make it look like winter",
    ];

    public static ModelConfig Micro() => ModelConfig.Parse(MicroJson, "micro test config");

    public static InstructionTokenizer MicroTokenizer(ModelConfig config) =>
        InstructionTokenizer.Build(Corpus, config.TextEncoder.VocabularySize, config.TextEncoder.ContextLength);

    public static EmuEditModel MicroModel()
    {
        TorchRuntime.Initialise();
        return EmuEditModel.Create(Micro(), Corpus);
    }

    /// <summary>
    /// Gives zero-initialised weights (output convs, transformer output projections) small random values, so
    /// a freshly built network's output depends on all of its inputs as a trained one's does.
    /// </summary>
    public static void Perturb(nn.Module module, long seed = 1)
    {
        using var generator = new Generator((ulong)seed);
        using var _ = no_grad();
        foreach (var p in module.parameters())
        {
            using var max = p.abs().max();
            if (max.item<float>() == 0)
                p.add_(randn(p.shape, generator: generator) * 0.05);
        }
    }

    public static long ParameterCount(nn.Module module) => module.parameters().Sum(p => p.numel());

    public static float MaxAbsDifference(Tensor a, Tensor b)
    {
        using var d = (a - b).abs().max();
        return d.item<float>();
    }
}
