using EmuEdit.Onnx.Graph;
using TorchSharp;
using TorchSharp.Modules;

namespace EmuEdit.Onnx.Export.Emitters;

/// <summary>A parameterless elementwise layer written as a function of its one input.</summary>
public sealed class ActivationEmitter(Func<OnnxOps, OnnxValue, OnnxValue> emit) : IOnnxModuleEmitter
{
    public IReadOnlyList<OnnxValue> Emit(OnnxExportContext context, torch.nn.Module module, IReadOnlyList<OnnxValue> inputs) =>
        [emit(context.Ops, Single(context, module, inputs))];

    internal static OnnxValue Single(OnnxExportContext context, torch.nn.Module module, IReadOnlyList<OnnxValue> inputs) =>
        inputs.Count == 1 ? inputs[0] : throw new OnnxExportException(
            $"Module '{OnnxExportContext.DisplayPath(context.PathOf(module))}' ({module.GetType().Name}) takes one input, got {inputs.Count}.");
}

/// <summary>GELU, exact (erf) or with torch's tanh approximation.</summary>
public sealed class GeluEmitter : OnnxModuleEmitter<GELU>
{
    protected override IReadOnlyList<OnnxValue> Emit(OnnxExportContext context, GELU module, IReadOnlyList<OnnxValue> inputs) =>
        [context.Ops.Gelu(ActivationEmitter.Single(context, module, inputs),
            tanhApproximation: string.Equals(module.approximate.ToString(), "tanh", StringComparison.OrdinalIgnoreCase))];
}
