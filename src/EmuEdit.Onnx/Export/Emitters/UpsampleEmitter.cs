using EmuEdit.Onnx.Graph;
using TorchSharp;
using TorchSharp.Modules;

namespace EmuEdit.Onnx.Export.Emitters;

/// <summary>
/// Nearest upsampling of [N, C, H, W] by scale_factor or to a fixed size, as Resize(nearest,
/// asymmetric, floor): the only Resize setting that picks the same source pixel as torch's nearest.
/// </summary>
public sealed class UpsampleEmitter : OnnxModuleEmitter<Upsample>
{
    protected override IReadOnlyList<OnnxValue> Emit(OnnxExportContext context, Upsample module, IReadOnlyList<OnnxValue> inputs)
    {
        var x = EmitterInputs.Single(context, module, inputs);
        if (module.mode != torch.UpsampleMode.Nearest)
            throw new OnnxExportException($"Upsample '{context.PathOf(module)}' uses mode {module.mode}; only nearest is exported.");

        var scale = module.scale_factor.ToArray();
        if (scale.Length > 0)
        {
            var (sh, sw) = scale.Length == 1 ? (scale[0], scale[0]) : (scale[0], scale[1]);
            return [context.Ops.UpsampleNearest(x, (float)sh, (float)sw)];
        }

        var size = module.size.ToArray();
        if (size.Length == 0)
            throw new OnnxExportException($"Upsample '{context.PathOf(module)}' has neither a size nor a scale factor.");
        var hw = size.Length == 1 ? [size[0], size[0]] : size;
        var ops = context.Ops;
        var sizes = ops.Concat(0, ops.Shape(x, 0, 2), context.Graph.ConstantInt64(hw));
        return [context.Graph.Node("Resize", [x, null, null, sizes],
            OnnxAttribute.String("mode", "nearest"),
            OnnxAttribute.String("coordinate_transformation_mode", "asymmetric"),
            OnnxAttribute.String("nearest_mode", "floor"))];
    }
}
