namespace EmuEdit.Onnx.Runtime;

/// <summary>Values of <see cref="OnnxMetadataKeys.Role"/>, one per graph a service loads.</summary>
public static class OnnxGraphRoles
{
    public const string TextEncoder = "text_encoder";

    /// <summary>The trained head over a frozen pretrained encoder (text_encoder.onnx of such a model).</summary>
    public const string TextEncoderHead = "text_encoder_head";
    public const string VaeEncoder = "vae_encoder";
    public const string VaeDecoder = "vae_decoder";
}
