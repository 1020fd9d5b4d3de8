using EmuEdit.Onnx.Graph;
using TorchSharp;

namespace EmuEdit.Onnx.Export;

/// <summary>
/// Emits the nodes for one kind of module that cannot implement <see cref="IOnnxExportable"/>
/// itself (TorchSharp's stock layers, or a type from a library the project does not own).
/// Register it in an <see cref="OnnxEmitterRegistry"/>.
/// </summary>
public interface IOnnxModuleEmitter
{
    IReadOnlyList<OnnxValue> Emit(OnnxExportContext context, torch.nn.Module module, IReadOnlyList<OnnxValue> inputs);
}
