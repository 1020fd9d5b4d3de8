namespace EmuEdit.Model.Onnx;

/// <summary>The files <see cref="ModelOnnxExport.ExportAll"/> wrote.</summary>
public sealed record ModelOnnxExportResult(string TextEncoderPath, string VaeEncoderPath, string VaeDecoderPath, string VocabularyPath)
{
    public IReadOnlyList<string> GraphPaths => [TextEncoderPath, VaeEncoderPath, VaeDecoderPath];
}
