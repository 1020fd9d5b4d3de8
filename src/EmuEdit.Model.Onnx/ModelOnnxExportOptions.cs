using EmuEdit.Onnx.Export;

namespace EmuEdit.Model.Onnx;

/// <summary>Settings for <see cref="ModelOnnxExport"/>.</summary>
public sealed record ModelOnnxExportOptions
{
    /// <summary>
    /// Where the graphs go; null writes them beside the checkpoint. A different folder also gets a copy of
    /// vocab.json, because the text-encoder graph names its vocabulary relative to itself.
    /// </summary>
    public string? OutputFolder { get; init; }

    /// <summary>How GroupNorm is written (the default decomposition runs on every ORT provider).</summary>
    public GroupNormExport GroupNorm { get; init; } = GroupNormExport.InstanceNormalization;
}
