using EmuEdit.Onnx.Graph;
using TorchSharp;
using TorchSharp.Modules;

namespace EmuEdit.Onnx.Export.Emitters;

/// <summary>Conv2d with stride, padding (explicit, "valid" or "same"), dilation, groups and optional bias.</summary>
public sealed class Conv2dEmitter : OnnxModuleEmitter<Conv2d>
{
    protected override IReadOnlyList<OnnxValue> Emit(OnnxExportContext context, Conv2d module, IReadOnlyList<OnnxValue> inputs)
    {
        var x = EmitterInputs.Single(context, module, inputs);
        if (module.padding_mode != PaddingModes.Zeros)
            throw new OnnxExportException(
                $"Conv2d '{context.PathOf(module)}' uses padding_mode {module.padding_mode}; only zero padding is exported.");

        var kernel = module.kernel_size;
        var dilation = module.dilation ?? [1, 1];
        var w = context.Parameter(module, "weight");
        var b = context.OptionalParameter(module, "bias");
        OnnxValue?[] nodeInputs = b is null ? [x, w] : [x, w, b];
        return [context.Graph.Node("Conv", nodeInputs,
            OnnxAttribute.Ints("kernel_shape", kernel),
            OnnxAttribute.Ints("strides", module.stride ?? [1, 1]),
            OnnxAttribute.Ints("dilations", dilation),
            OnnxAttribute.Ints("pads", Pads(module, kernel, dilation)),
            OnnxAttribute.Int("group", module.groups))];
    }

    // ONNX pads are [h_begin, w_begin, h_end, w_end].
    private static long[] Pads(Conv2d module, long[] kernel, long[] dilation)
    {
        if (module.padding_type == Padding.Same)
        {
            // torch puts the odd pixel of "same" padding at the end, as here.
            var total = kernel.Select((k, i) => dilation[i] * (k - 1)).ToArray();
            return [total[0] / 2, total[1] / 2, total[0] - total[0] / 2, total[1] - total[1] / 2];
        }
        if (module.padding_type == Padding.Valid || module.padding is null) return [0, 0, 0, 0];
        var p = module.padding.Length == 1 ? [module.padding[0], module.padding[0]] : module.padding;
        return [p[0], p[1], p[0], p[1]];
    }
}
