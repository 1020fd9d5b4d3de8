namespace EmuEdit.Onnx.Runtime;

/// <summary>File names of the exported graphs; they sit in the checkpoint folder next to config.json and vocab.json.</summary>
public static class OnnxModelFiles
{
    public const string TextEncoder = "text_encoder.onnx";
    public const string VaeEncoder = "vae_encoder.onnx";
    public const string VaeDecoder = "vae_decoder.onnx";
}
