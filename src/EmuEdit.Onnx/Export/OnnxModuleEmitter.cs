using EmuEdit.Onnx.Graph;
using TorchSharp;

namespace EmuEdit.Onnx.Export;

/// <summary>An emitter for modules of type <typeparamref name="TModule"/>, so implementations get a typed module.</summary>
public abstract class OnnxModuleEmitter<TModule> : IOnnxModuleEmitter where TModule : torch.nn.Module
{
    public IReadOnlyList<OnnxValue> Emit(OnnxExportContext context, torch.nn.Module module, IReadOnlyList<OnnxValue> inputs) =>
        Emit(context, (TModule)module, inputs);

    protected abstract IReadOnlyList<OnnxValue> Emit(OnnxExportContext context, TModule module, IReadOnlyList<OnnxValue> inputs);
}
