namespace EmuEdit.Model.Onnx;

/// <summary>
/// The files <see cref="ModelOnnxExport.ExportAll"/> wrote. <see cref="TextEncoderPath"/> is null for a model
/// with a pretrained text encoder (textEncoder.pretrained), which has no ONNX export yet: the text-encoder
/// service runs it on TorchSharp (Inference:Runtime Auto picks that when text_encoder.onnx is absent).
/// </summary>
public sealed record ModelOnnxExportResult(string? TextEncoderPath, string VaeEncoderPath, string VaeDecoderPath, string VocabularyPath)
{
    public IReadOnlyList<string> GraphPaths => TextEncoderPath is null ? [VaeEncoderPath, VaeDecoderPath] : [TextEncoderPath, VaeEncoderPath, VaeDecoderPath];
}
