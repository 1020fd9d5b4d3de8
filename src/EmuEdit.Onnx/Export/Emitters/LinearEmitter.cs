using EmuEdit.Onnx.Graph;
using TorchSharp.Modules;

namespace EmuEdit.Onnx.Export.Emitters;

/// <summary>
/// y = x·Wᵀ + b over the last axis of an input of any rank. The weight stays in TorchSharp's
/// [out, in] layout under its state_dict name; the Transpose on it is constant-folded by ORT when
/// the session is created, so it costs nothing per run.
/// </summary>
public sealed class LinearEmitter : OnnxModuleEmitter<Linear>
{
    protected override IReadOnlyList<OnnxValue> Emit(OnnxExportContext context, Linear module, IReadOnlyList<OnnxValue> inputs)
    {
        var x = EmitterInputs.Single(context, module, inputs);
        var ops = context.Ops;
        var y = ops.MatMul(x, ops.Transpose(context.Parameter(module, "weight"), 1, 0));
        return [context.OptionalParameter(module, "bias") is { } b ? ops.Add(y, b) : y];
    }
}
