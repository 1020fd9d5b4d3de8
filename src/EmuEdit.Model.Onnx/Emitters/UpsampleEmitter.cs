using EmuEdit.Model.Networks;
using EmuEdit.Onnx.Export;
using EmuEdit.Onnx.Graph;

namespace EmuEdit.Model.Onnx.Emitters;

/// <summary>The project's <see cref="Upsample"/>: nearest-neighbour doubling (torch's index rule), then its conv.</summary>
internal sealed class UpsampleEmitter : OnnxModuleEmitter<Upsample>
{
    protected override IReadOnlyList<OnnxValue> Emit(OnnxExportContext context, Upsample module, IReadOnlyList<OnnxValue> inputs)
    {
        var x = Arity.Single(context, module, inputs);
        const float factor = Resampling.LevelFactor;
        return [context.EmitSingle(module.Conv, context.Ops.UpsampleNearest(x, factor, factor))];
    }
}
