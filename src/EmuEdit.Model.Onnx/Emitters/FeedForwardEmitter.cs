using EmuEdit.Model.Networks;
using EmuEdit.Onnx.Export;
using EmuEdit.Onnx.Graph;

namespace EmuEdit.Model.Onnx.Emitters;

/// <summary><see cref="FeedForward"/>: Linear, GELU, Linear.</summary>
internal sealed class FeedForwardEmitter : OnnxModuleEmitter<FeedForward>
{
    protected override IReadOnlyList<OnnxValue> Emit(OnnxExportContext context, FeedForward module, IReadOnlyList<OnnxValue> inputs)
    {
        var x = Arity.Single(context, module, inputs);
        return [context.EmitSingle(module.Out, context.EmitSingle(module.Activation, context.EmitSingle(module.In, x)))];
    }
}
