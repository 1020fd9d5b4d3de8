using EmuEdit.Onnx.Graph;

namespace EmuEdit.Onnx.Export;

/// <summary>
/// Implemented by a custom TorchSharp module that knows its own ONNX form. The exporter calls it
/// with the values its forward would receive; it adds its nodes through <paramref name="context"/>
/// (ops in <see cref="OnnxExportContext.Ops"/>, its own parameters through
/// <see cref="OnnxExportContext.Parameter"/>, its children through <see cref="OnnxExportContext.Emit"/>)
/// and returns the values its forward would return, in the same order.
/// </summary>
public interface IOnnxExportable
{
    IReadOnlyList<OnnxValue> EmitOnnx(OnnxExportContext context, IReadOnlyList<OnnxValue> inputs);
}
