using System.Text.Json.Serialization;
using EmuEdit.Model.Configuration;
using EmuEdit.Model.Networks;
using TorchSharp;

namespace EmuEdit.Cli.Bench;

/// <summary>Parameters per component of one preset, counted on freshly built modules.</summary>
public sealed record ParameterCounts
{
    [JsonPropertyName("preset")] public required string Preset { get; init; }
    [JsonPropertyName("unet")] public required long UNet { get; init; }
    [JsonPropertyName("autoencoder")] public required long Autoencoder { get; init; }
    [JsonPropertyName("text_encoder")] public required long TextEncoder { get; init; }
    [JsonPropertyName("task_table")] public required long TaskTable { get; init; }
    [JsonPropertyName("total")] public long Total => UNet + Autoencoder + TextEncoder + TaskTable;

    public static ParameterCounts Of(ModelConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new ParameterCounts
        {
            Preset = config.Name,
            UNet = Count(() => new UNet(config.UNet, config.Autoencoder.LatentChannels, config.TextEncoder.Width, config.Tasks.EmbeddingDim)),
            Autoencoder = Count(() => new Autoencoder(config.Autoencoder)),
            TextEncoder = Count(() => new TextEncoder(config.TextEncoder)),
            TaskTable = Count(() => new TaskTable(config.Tasks)),
        };
    }

    private static long Count(Func<torch.nn.Module> build)
    {
        using var module = build();
        return module.parameters().Sum(p => p.numel());
    }
}
