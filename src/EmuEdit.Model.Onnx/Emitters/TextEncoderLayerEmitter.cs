using EmuEdit.Model.Networks;
using EmuEdit.Onnx.Export;
using EmuEdit.Onnx.Graph;

namespace EmuEdit.Model.Onnx.Emitters;

/// <summary><see cref="TextEncoderLayer"/>: x + SelfAttention(LN(x), mask), then x + MLP(LN(x)).</summary>
internal sealed class TextEncoderLayerEmitter : OnnxModuleEmitter<TextEncoderLayer>
{
    protected override IReadOnlyList<OnnxValue> Emit(OnnxExportContext context, TextEncoderLayer module, IReadOnlyList<OnnxValue> inputs)
    {
        Arity.Require(context, module, inputs, 2, 2);
        var (x, mask) = (inputs[0], inputs[1]);
        var ops = context.Ops;
        var h = context.EmitSingle(module.Norm1, x);
        var attended = context.Emit(module.Attention, h, h, mask);
        x = ops.Add(x, attended[0]);
        return [ops.Add(x, context.EmitSingle(module.FeedForward, context.EmitSingle(module.Norm2, x)))];
    }
}
