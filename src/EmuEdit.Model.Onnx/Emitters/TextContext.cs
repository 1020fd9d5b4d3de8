using EmuEdit.Model.Networks;
using EmuEdit.Onnx.Export;
using EmuEdit.Onnx.Graph;
using TorchSharp.Modules;

namespace EmuEdit.Model.Onnx.Emitters;

/// <summary>
/// The part both text modules end with: transformer layers over the masked tokens, the final LayerNorm
/// (the context), and the masked mean of the context (the pooled vector).
/// </summary>
internal static class TextContext
{
    public static IReadOnlyList<OnnxValue> Emit(OnnxExportContext context, IReadOnlyList<TextEncoderLayer> layers, LayerNorm finalNorm, OnnxValue x, OnnxValue mask)
    {
        var ops = context.Ops;
        var graph = context.Graph;
        foreach (var layer in layers)
            x = Single(context, layer, context.Emit(layer, x, mask));
        var tokens = context.EmitSingle(finalNorm, x);

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
