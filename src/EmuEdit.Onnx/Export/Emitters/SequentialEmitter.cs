using EmuEdit.Onnx.Graph;
using TorchSharp.Modules;

namespace EmuEdit.Onnx.Export.Emitters;

/// <summary>Chains the children in registration order, as Sequential.forward does.</summary>
public sealed class SequentialEmitter : OnnxModuleEmitter<Sequential>
{
    protected override IReadOnlyList<OnnxValue> Emit(OnnxExportContext context, Sequential module, IReadOnlyList<OnnxValue> inputs)
    {
        var values = inputs;
        foreach (var (_, child) in module.named_children())
            values = context.Emit(child, [.. values]);
        return values;
    }
}
