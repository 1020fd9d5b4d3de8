namespace EmuEdit.Onnx.Runtime;

/// <summary>
/// The graphs EmuEdit's services load (docs/onnx.md, "The model's graphs"). The project's own
/// exports follow them, and so must a user's replacement (for example a CLIP text tower).
/// </summary>
public static class OnnxGraphContracts
{
    /// <summary>token_ids [batch, L] int64 + token_mask [batch, L] bool (true = real token) -> context [batch, L, D] + pooled [batch, D].</summary>
    public static OnnxGraphContract TextEncoder { get; } = new("text encoder",
        [new("token_ids", OnnxDataType.Int64, 2, "[batch,L]"), new("token_mask", OnnxDataType.Bool, 2, "[batch,L]")],
        [new("context", OnnxDataType.Float32, 3, "[batch,L,D]"), new("pooled", OnnxDataType.Float32, 2, "[batch,D]")]);

    /// <summary>
    /// The trained head of a pretrained text encoder: token_states [batch, L, H] float32 (the frozen
    /// encoder's, named by metadata) + token_mask [batch, L] bool -> context [batch, L, D] + pooled [batch, D].
    /// </summary>
    public static OnnxGraphContract TextEncoderHead { get; } = new("text encoder head",
        [new("token_states", OnnxDataType.Float32, 3, "[batch,L,H]"), new("token_mask", OnnxDataType.Bool, 2, "[batch,L]")],
        [new("context", OnnxDataType.Float32, 3, "[batch,L,D]"), new("pooled", OnnxDataType.Float32, 2, "[batch,D]")]);

    /// <summary>image [batch, 3, H, W] in [-1, 1] -> latent [batch, Cz, H/f, W/f].</summary>
    public static OnnxGraphContract VaeEncoder { get; } = new("VAE encoder",
        [new("image", OnnxDataType.Float32, 4, "[batch,3,H,W]")],
        [new("latent", OnnxDataType.Float32, 4, "[batch,Cz,h,w]")]);

    /// <summary>latent [batch, Cz, h, w] -> image [batch, 3, h·f, w·f] in [-1, 1].</summary>
    public static OnnxGraphContract VaeDecoder { get; } = new("VAE decoder",
        [new("latent", OnnxDataType.Float32, 4, "[batch,Cz,h,w]")],
        [new("image", OnnxDataType.Float32, 4, "[batch,3,H,W]")]);
}
