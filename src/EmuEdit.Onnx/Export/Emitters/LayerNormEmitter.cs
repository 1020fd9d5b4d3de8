using EmuEdit.Onnx.Graph;
using TorchSharp.Modules;

namespace EmuEdit.Onnx.Export.Emitters;

/// <summary>LayerNormalization (opset 17) over the trailing normalized_shape dims.</summary>
public sealed class LayerNormEmitter : OnnxModuleEmitter<LayerNorm>
{
    protected override IReadOnlyList<OnnxValue> Emit(OnnxExportContext context, LayerNorm module, IReadOnlyList<OnnxValue> inputs)
    {
        var x = EmitterInputs.Single(context, module, inputs);
        var normalized = module.normalized_shape;
        var scale = context.OptionalParameter(module, "weight")
            ?? context.Graph.ConstantFloat(Enumerable.Repeat(1f, checked((int)normalized.Aggregate(1L, (a, d) => a * d))).ToArray(), normalized);
        OnnxValue?[] nodeInputs = context.OptionalParameter(module, "bias") is { } b ? [x, scale, b] : [x, scale];
        return [context.Graph.Node("LayerNormalization", nodeInputs,
            OnnxAttribute.Int("axis", -normalized.Length),
            OnnxAttribute.Float("epsilon", (float)module.eps))];
    }
}
