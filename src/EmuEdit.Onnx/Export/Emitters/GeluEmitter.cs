using EmuEdit.Onnx.Graph;
using TorchSharp.Modules;

namespace EmuEdit.Onnx.Export.Emitters;

/// <summary>GELU, exact (erf) or with torch's tanh approximation.</summary>
public sealed class GeluEmitter : OnnxModuleEmitter<GELU>
{
    protected override IReadOnlyList<OnnxValue> Emit(OnnxExportContext context, GELU module, IReadOnlyList<OnnxValue> inputs) =>
        [context.Ops.Gelu(EmitterInputs.Single(context, module, inputs),
            tanhApproximation: module.approximate == GELU.Approximate.tanh)];
}
