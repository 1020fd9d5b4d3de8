using EmuEdit.Model.Configuration;
using EmuEdit.Onnx.Graph;

namespace EmuEdit.Model.Onnx;

/// <summary>
/// Inputs and outputs of the three graphs, named and shaped as <c>OnnxGraphContracts</c> requires:
/// batch, sequence length and spatial sizes symbolic, channel counts and widths fixed from the config.
/// </summary>
internal static class ModelGraphSpecs
{
    public static OnnxTensorSpec[] TextEncoderInputs() =>
        [OnnxTensorSpec.Int64("token_ids", "batch", "L"), OnnxTensorSpec.Bool("token_mask", "batch", "L")];

    public static OnnxTensorSpec[] TextEncoderOutputs(TextEncoderOptions o) =>
        [OnnxTensorSpec.Float("context", "batch", "L", o.Width), OnnxTensorSpec.Float("pooled", "batch", o.Width)];

    public static OnnxTensorSpec[] TextEncoderHeadInputs(int stateWidth) =>
        [OnnxTensorSpec.Float("token_states", "batch", "L", stateWidth), OnnxTensorSpec.Bool("token_mask", "batch", "L")];

    public static OnnxTensorSpec Image(AutoencoderOptions o) => OnnxTensorSpec.Float("image", "batch", o.InChannels, "H", "W");

    public static OnnxTensorSpec Latent(AutoencoderOptions o) => OnnxTensorSpec.Float("latent", "batch", o.LatentChannels, "h", "w");
}
