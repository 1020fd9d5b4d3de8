using EmuEdit.Onnx.Export;
using EmuEdit.Onnx.Graph;
using TorchSharp;

namespace EmuEdit.Model.Onnx.Emitters;

/// <summary>Input-count checks, so a wiring mistake names the module instead of failing deep inside an op.</summary>
internal static class Arity
{
    public static void Require(OnnxExportContext context, torch.nn.Module module, IReadOnlyList<OnnxValue> inputs, int min, int max)
    {
        if (inputs.Count < min || inputs.Count > max)
            throw new OnnxExportException(
                $"Module '{Display(context, module)}' ({module.GetType().Name}) takes {(min == max ? $"{min}" : $"{min} to {max}")} inputs, got {inputs.Count}.");
    }

    public static OnnxValue Single(OnnxExportContext context, torch.nn.Module module, IReadOnlyList<OnnxValue> inputs)
    {
        Require(context, module, inputs, 1, 1);
        return inputs[0];
    }

    public static string Display(OnnxExportContext context, torch.nn.Module module) =>
        context.PathOf(module) is { Length: > 0 } path ? path : "<root>";
}
