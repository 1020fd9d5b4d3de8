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

    /// <summary>image [batch, 3, H, W] in [-1, 1] -> latent [batch, Cz, H/f, W/f].</summary>
    public static OnnxGraphContract VaeEncoder { get; } = new("VAE encoder",
        [new("image", OnnxDataType.Float32, 4, "[batch,3,H,W]")],
        [new("latent", OnnxDataType.Float32, 4, "[batch,Cz,h,w]")]);

    /// <summary>latent [batch, Cz, h, w] -> image [batch, 3, h·f, w·f] in [-1, 1].</summary>
    public static OnnxGraphContract VaeDecoder { get; } = new("VAE decoder",
        [new("latent", OnnxDataType.Float32, 4, "[batch,Cz,h,w]")],
        [new("image", OnnxDataType.Float32, 4, "[batch,3,H,W]")]);
}

/// <summary>
/// metadata_props keys EmuEdit writes into its graphs and reads from any model it loads, so a model
/// file carries what a service needs to feed it (above all the tokenizer a text encoder was trained with).
/// </summary>
public static class OnnxMetadataKeys
{
    /// <summary>Which graph this is: "text_encoder", "vae_encoder" or "vae_decoder".</summary>
    public const string Role = "emuedit.role";

    /// <summary>Tokenizer family: "gpt2" (Microsoft.ML.Tokenizers tiktoken GPT-2, the default model's) or "clip" (CLIP BPE).</summary>
    public const string Tokenizer = "emuedit.tokenizer";

    /// <summary>Longest token sequence L the encoder accepts (77 for CLIP).</summary>
    public const string MaxTokens = "emuedit.max_tokens";

    /// <summary>Id written into padded positions (their mask is false).</summary>
    public const string PadTokenId = "emuedit.pad_token_id";

    /// <summary>Id put before the text, when the encoder expects one (CLIP: 49406).</summary>
    public const string BosTokenId = "emuedit.bos_token_id";

    /// <summary>Id put after the text (GPT-2 and CLIP: end of text).</summary>
    public const string EosTokenId = "emuedit.eos_token_id";

    /// <summary>Latent downsampling factor f of a VAE graph.</summary>
    public const string DownsampleFactor = "emuedit.vae.downsample";

    /// <summary>Latent channels Cz of a VAE graph.</summary>
    public const string LatentChannels = "emuedit.vae.latent_channels";

    /// <summary>Multiplier applied to latents after encoding (and divided out before decoding), if any.</summary>
    public const string LatentScale = "emuedit.vae.latent_scale";
}
