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

/// <summary>An emitter for modules of type <typeparamref name="TModule"/>, so implementations get a typed module.</summary>
public abstract class OnnxModuleEmitter<TModule> : IOnnxModuleEmitter where TModule : torch.nn.Module
{
    public IReadOnlyList<OnnxValue> Emit(OnnxExportContext context, torch.nn.Module module, IReadOnlyList<OnnxValue> inputs) =>
        Emit(context, (TModule)module, inputs);

    protected abstract IReadOnlyList<OnnxValue> Emit(OnnxExportContext context, TModule module, IReadOnlyList<OnnxValue> inputs);
}
