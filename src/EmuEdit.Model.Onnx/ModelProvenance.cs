namespace EmuEdit.Model.Onnx;

/// <summary>Where a graph's weights came from, written into its metadata.</summary>
/// <param name="ModelName">The configuration's name.</param>
/// <param name="SourceWeightsSha256">SHA-256 of the safetensors file the weights were read from; null for modules built in memory.</param>
public sealed record ModelProvenance(string ModelName, string? SourceWeightsSha256 = null);
