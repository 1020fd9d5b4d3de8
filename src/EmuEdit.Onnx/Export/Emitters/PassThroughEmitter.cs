using EmuEdit.Onnx.Graph;
using TorchSharp;

namespace EmuEdit.Onnx.Export.Emitters;

/// <summary>Identity and dropout: at inference they return their input, so they add no node.</summary>
public sealed class PassThroughEmitter : IOnnxModuleEmitter
{
    public IReadOnlyList<OnnxValue> Emit(OnnxExportContext context, torch.nn.Module module, IReadOnlyList<OnnxValue> inputs) => inputs;
}
