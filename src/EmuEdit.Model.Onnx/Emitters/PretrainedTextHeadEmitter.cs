using EmuEdit.Model.Networks;
using EmuEdit.Onnx.Export;
using EmuEdit.Onnx.Graph;

namespace EmuEdit.Model.Onnx.Emitters;

/// <summary><see cref="PretrainedTextHead"/> on (token_states, token_mask) to (context, pooled).</summary>
internal sealed class PretrainedTextHeadEmitter : OnnxModuleEmitter<PretrainedTextHead>
{
    protected override IReadOnlyList<OnnxValue> Emit(OnnxExportContext context, PretrainedTextHead module, IReadOnlyList<OnnxValue> inputs)
    {
        Arity.Require(context, module, inputs, 2, 2);
        var (states, mask) = (inputs[0], inputs[1]);
        var x = context.EmitSingle(module.Projection, states);
        return TextContext.Emit(context, module.Layers, module.FinalNorm, x, mask);
    }
}
