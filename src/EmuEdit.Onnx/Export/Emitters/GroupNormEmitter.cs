using EmuEdit.Onnx.Graph;
using TorchSharp.Modules;

namespace EmuEdit.Onnx.Export.Emitters;

/// <summary>
/// GroupNorm on [N, C, ...] inputs of any spatial rank, written as <see cref="OnnxExportOptions.GroupNorm"/> says.
/// </summary>
public sealed class GroupNormEmitter : OnnxModuleEmitter<GroupNorm>
{
    protected override IReadOnlyList<OnnxValue> Emit(OnnxExportContext context, GroupNorm module, IReadOnlyList<OnnxValue> inputs)
    {
        var x = EmitterInputs.Single(context, module, inputs);
        var weight = context.OptionalParameter(module, "weight");
        var bias = context.OptionalParameter(module, "bias");
        var epsilon = OnnxAttribute.Float("epsilon", (float)module.eps);
        var groups = module.num_groups;

        // The opset-21 operator needs per-channel scale and bias tensors; without affine parameters
        // the channel count is not known here, so that case always takes the decomposition.
        if (context.Options.GroupNorm == GroupNormExport.GroupNormalization21 && weight is { } w && bias is { } b)
            return [context.Graph.Node("GroupNormalization", [x, w, b], epsilon, OnnxAttribute.Int("num_groups", groups))];

        var ops = context.Ops;
        var g = context.Graph;
        // Normalise each group as one "instance": [N, C, *] -> [N, G, C/G * prod(*)].
        var grouped = ops.Reshape(x, 0, groups, -1);
        var ones = g.ConstantFloat(Enumerable.Repeat(1f, checked((int)groups)).ToArray(), [groups]);
        var zeros = g.ConstantFloat(new float[groups], [groups]);
        var normalised = g.Node("InstanceNormalization", [grouped, ones, zeros], epsilon);
        if (weight is null || bias is null)
            return [ops.Reshape(normalised, ops.Shape(x))];

        // Per-channel affine on [N, C, -1], so it broadcasts whatever the spatial rank is.
        var perChannel = ops.Reshape(normalised, 0, module.weight!.shape[0], -1);
        var affine = ops.Add(ops.Mul(perChannel, ops.Unsqueeze(weight.Value, 1)), ops.Unsqueeze(bias.Value, 1));
        return [ops.Reshape(affine, ops.Shape(x))];
    }
}
