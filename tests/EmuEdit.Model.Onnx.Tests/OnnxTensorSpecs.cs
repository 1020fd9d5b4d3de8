using EmuEdit.Onnx.Graph;

namespace EmuEdit.Model.Onnx.Tests;

/// <summary>VAE graph specs for tests that call the generic exporter directly.</summary>
internal static class OnnxTensorSpecs
{
    public static OnnxTensorSpec Image { get; } = OnnxTensorSpec.Float("image", "batch", 3, "H", "W");

    public static OnnxTensorSpec Latent(int channels) => OnnxTensorSpec.Float("latent", "batch", channels, "h", "w");
}
