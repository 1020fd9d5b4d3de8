using EmuEdit.Model.Networks;
using EmuEdit.Onnx.Export;
using EmuEdit.Onnx.Graph;

namespace EmuEdit.Model.Onnx.Emitters;

/// <summary>
/// <see cref="ResidualBlock"/> on x (autoencoder) or (x, embedding) (a block with an embedding projection):
/// GroupNorm, SiLU, conv, [+ projected embedding], GroupNorm, SiLU, conv, plus the (1x1-projected) skip.
/// </summary>
internal sealed class ResidualBlockEmitter : OnnxModuleEmitter<ResidualBlock>
{
    protected override IReadOnlyList<OnnxValue> Emit(OnnxExportContext context, ResidualBlock module, IReadOnlyList<OnnxValue> inputs)
    {
        Arity.Require(context, module, inputs, 1, 2);
        var x = inputs[0];
        var ops = context.Ops;
        var h = context.EmitSingle(module.Conv1, ops.SiLU(context.EmitSingle(module.Norm1, x)));
        if (module.EmbeddingProjection is { } projection)
        {
            if (inputs.Count != 2)
                throw new OnnxExportException(
                    $"Module '{Arity.Display(context, module)}' adds an embedding (it has an embedding projection) but was given no embedding input.");
            // [B, C] -> [B, C, 1, 1], broadcast over the feature map as forward's unsqueeze(-1).unsqueeze(-1).
            h = ops.Add(h, ops.Unsqueeze(context.EmitSingle(projection, ops.SiLU(inputs[1])), 2, 3));
        }
        h = context.EmitSingle(module.Conv2, ops.SiLU(context.EmitSingle(module.Norm2, h)));
        var skip = module.Skip is { } conv ? context.EmitSingle(conv, x) : x;
        return [ops.Add(skip, h)];
    }
}
