using EmuEdit.Model.Networks;
using EmuEdit.Onnx.Export;
using EmuEdit.Onnx.Graph;

namespace EmuEdit.Model.Onnx.Emitters;

/// <summary>
/// <see cref="TextEncoder"/> on (token_ids, token_mask) to (context, pooled). Its forward also hands back
/// the mask it was given; the graph does not, since the caller already holds it.
/// </summary>
internal sealed class TextEncoderEmitter : OnnxModuleEmitter<TextEncoder>
{
    protected override IReadOnlyList<OnnxValue> Emit(OnnxExportContext context, TextEncoder module, IReadOnlyList<OnnxValue> inputs)
    {
        Arity.Require(context, module, inputs, 2, 2);
        var (ids, mask) = (inputs[0], inputs[1]);
        var ops = context.Ops;
        var graph = context.Graph;

        // The first L learned positions, L taken from ids at run time: one graph serves every length up to
        // the context length (callers check the upper bound; the table simply has no more rows).
        var length = ops.Shape(ids, 1, 2);
        var positions = graph.Node("Slice",
            [context.Parameter(module, "position_embedding"), graph.ConstantInt64(0), length, graph.ConstantInt64(0)]);
        var x = ops.Add(context.EmitSingle(module.TokenEmbedding, ids), positions);
        foreach (var layer in module.Layers)
            x = Single(context, layer, context.Emit(layer, x, mask));
        var tokens = context.EmitSingle(module.FinalNorm, x);

        // Masked mean over real tokens; the count is clamped at 1 exactly as forward does.
        var weights = ops.Unsqueeze(ops.Cast(mask, OnnxElementType.Float32), 2);
        var sum = ops.ReduceSum(ops.Mul(tokens, weights), [1], keepDims: false);
        var count = graph.Node("Max", [ops.ReduceSum(weights, [1], keepDims: false), graph.ScalarFloat(1)]);
        return [tokens, ops.Div(sum, count)];
    }

    private static OnnxValue Single(OnnxExportContext context, TextEncoderLayer layer, IReadOnlyList<OnnxValue> outputs) =>
        outputs.Count == 1 ? outputs[0] : throw new OnnxExportException(
            $"Module '{Arity.Display(context, layer)}' produced {outputs.Count} values where one was expected.");
}
