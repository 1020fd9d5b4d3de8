using EmuEdit.Onnx.Export;
using EmuEdit.Onnx.Graph;
using TorchSharp;
using static TorchSharp.torch;

namespace EmuEdit.Onnx.Tests.TestModules;

/// <summary>
/// No parameters, only the functional helpers a custom forward reaches for: channel slices, concat,
/// spatial mean, broadcasting arithmetic, masked fill, squeeze/unsqueeze and nearest upsampling.
/// </summary>
internal sealed class FunctionalMix() : nn.Module<Tensor, Tensor, Tensor>(nameof(FunctionalMix)), IOnnxExportable
{
    // x [B, 4, H, W], keep [B, 1, H, W] bool.
    public override Tensor forward(Tensor x, Tensor keep)
    {
        var swapped = cat([x[.., 2..], x[.., ..2]], 1);
        var centred = swapped - swapped.mean([2, 3], keepdim: true);
        var scaled = centred * 0.5f + x.sum([1], keepdim: true).squeeze(1).unsqueeze(1);
        var masked = scaled.masked_fill(keep.logical_not(), -3f);
        return nn.functional.interpolate(masked, scale_factor: [2, 2], mode: InterpolationMode.Nearest);
    }

    public IReadOnlyList<OnnxValue> EmitOnnx(OnnxExportContext context, IReadOnlyList<OnnxValue> inputs)
    {
        var ops = context.Ops;
        var (x, keep) = (inputs[0], inputs[1]);
        var swapped = ops.Concat(1, ops.Slice(x, [2], [long.MaxValue], [1]), ops.Slice(x, [0], [2], [1]));
        var centred = ops.Sub(swapped, ops.ReduceMean(swapped, [2, 3]));
        var scaled = ops.Add(ops.Scale(centred, 0.5f), ops.Unsqueeze(ops.Squeeze(ops.ReduceSum(x, [1]), 1), 1));
        var masked = ops.MaskedFill(scaled, ops.Not(keep), -3f);
        return [ops.UpsampleNearest(masked, 2, 2)];
    }
}
