using EmuEdit.Onnx.Graph;
using TorchSharp;

namespace EmuEdit.Onnx.Export.Emitters;

/// <summary>Argument checks shared by the stock emitters.</summary>
internal static class EmitterInputs
{
    /// <summary>The one input of a single-input layer; a wiring mistake in a custom emitter is reported with the layer's path.</summary>
    public static OnnxValue Single(OnnxExportContext context, torch.nn.Module module, IReadOnlyList<OnnxValue> inputs) =>
        inputs.Count == 1 ? inputs[0] : throw new OnnxExportException(
            $"Module '{OnnxExportContext.DisplayPath(context.PathOf(module))}' ({module.GetType().Name}) takes one input, got {inputs.Count}.");
}
