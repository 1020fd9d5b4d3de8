using EmuEdit.Model.Networks;
using EmuEdit.Onnx.Export;
using EmuEdit.Onnx.Graph;

namespace EmuEdit.Model.Onnx.Emitters;

/// <summary><see cref="Downsample"/>: its stride-2 conv.</summary>
internal sealed class DownsampleEmitter : OnnxModuleEmitter<Downsample>
{
    protected override IReadOnlyList<OnnxValue> Emit(OnnxExportContext context, Downsample module, IReadOnlyList<OnnxValue> inputs) =>
        [context.EmitSingle(module.Conv, Arity.Single(context, module, inputs))];
}
