using EmuEdit.Model.Networks;
using EmuEdit.Onnx.Export;
using EmuEdit.Onnx.Graph;

namespace EmuEdit.Model.Onnx.Emitters;

/// <summary>
/// <see cref="MultiHeadAttention"/> on (queries, context[, key mask]): the same matmul/softmax form as
/// forward, with masked keys scored -inf before the softmax.
/// </summary>
internal sealed class MultiHeadAttentionEmitter : OnnxModuleEmitter<MultiHeadAttention>
{
    protected override IReadOnlyList<OnnxValue> Emit(OnnxExportContext context, MultiHeadAttention module, IReadOnlyList<OnnxValue> inputs)
    {
        Arity.Require(context, module, inputs, 2, 3);
        var (x, keysAndValues) = (inputs[0], inputs[1]);
        var ops = context.Ops;
        var heads = module.Heads;
        var headDim = module.HeadDim;

        // [B, L, heads*d] -> [B, heads, L, d], as forward's view + transpose(1, 2).
        OnnxValue SplitHeads(OnnxValue t) => ops.Transpose(ops.Reshape(t, 0, -1, heads, headDim), 0, 2, 1, 3);

        var attended = ops.ScaledDotProductAttention(
            SplitHeads(context.EmitSingle(module.ToQuery, x)),
            SplitHeads(context.EmitSingle(module.ToKey, keysAndValues)),
            SplitHeads(context.EmitSingle(module.ToValue, keysAndValues)),
            OnnxOps.AttentionScale(headDim),
            inputs.Count == 3 ? ops.KeyPaddingMask(inputs[2]) : null);
        var merged = ops.Reshape(ops.Transpose(attended, 0, 2, 1, 3), 0, 0, heads * headDim);
        return [context.EmitSingle(module.ToOutput, merged)];
    }
}
