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
        return TextContext.Emit(context, module.Layers, module.FinalNorm, x, mask);
    }
}
