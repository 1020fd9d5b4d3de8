using EmuEdit.Model.Configuration;

namespace EmuEdit.Training.Tests;

/// <summary>A model far smaller than the tiny preset (16x16 images) so training tests take seconds.</summary>
internal static class MicroConfig
{
    public static ModelConfig Create() => ModelConfig.Parse("""
        {
          "name": "micro",
          "autoencoder": { "imageSize": 16, "inChannels": 3, "latentChannels": 4, "downFactor": 2, "widths": [8, 16],
                           "resBlocksPerLevel": 1, "normGroups": 4, "klWeight": 1e-6, "reconstructionLoss": "l1" },
          "textEncoder": { "contextLength": 12, "width": 32, "layers": 1, "heads": 2, "feedForwardMultiplier": 2, "vocabularySize": 512 },
          "unet": { "baseWidth": 16, "channelMultipliers": [1, 2], "resBlocksPerLevel": 1, "attentionLevels": [1], "midAttention": false,
                    "heads": 2, "taskTokens": 1, "normGroups": 4, "timeEmbeddingMultiplier": 2, "feedForwardMultiplier": 2 },
          "tasks": { "count": 16, "embeddingDim": 16 }
        }
        """, "micro test config");

    /// <summary>The micro config reading the packaged all-MiniLM-L6-v2 through a trained head.</summary>
    public static ModelConfig WithPretrainedTextEncoder()
    {
        var micro = Create();
        return micro with { Name = "micro-minilm", TextEncoder = micro.TextEncoder with { Pretrained = "all-MiniLM-L6-v2" } };
    }
}
