using EmuEdit.Onnx.Graph;
using TorchSharp;

namespace EmuEdit.Onnx.Export.Emitters;

/// <summary>A parameterless elementwise layer written as a function of its one input.</summary>
public sealed class ActivationEmitter(Func<OnnxOps, OnnxValue, OnnxValue> emit) : IOnnxModuleEmitter
{
    public IReadOnlyList<OnnxValue> Emit(OnnxExportContext context, torch.nn.Module module, IReadOnlyList<OnnxValue> inputs) =>
        [emit(context.Ops, EmitterInputs.Single(context, module, inputs))];
}
