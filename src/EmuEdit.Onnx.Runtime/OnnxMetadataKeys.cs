namespace EmuEdit.Onnx.Runtime;

/// <summary>
/// metadata_props keys EmuEdit writes into its graphs and reads from any model it loads, so a model
/// file carries what a service needs to feed it (above all the tokenizer a text encoder was trained with).
/// </summary>
public static class OnnxMetadataKeys
{
    /// <summary>Which graph this is: "text_encoder", "text_encoder_head", "vae_encoder" or "vae_decoder" (<see cref="OnnxGraphRoles"/>).</summary>
    public const string Role = "emuedit.role";

    /// <summary>Tokenizer family, one of <see cref="OnnxTokenizerFamilies"/> (or another a caller tokenizes for itself, such as "clip").</summary>
    public const string Tokenizer = "emuedit.tokenizer";

    /// <summary>The vocabulary file the tokenizer needs, relative to the model file's folder (the default model's vocab.json).</summary>
    public const string TokenizerVocabulary = "emuedit.tokenizer.vocabulary";

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

    /// <summary>Name of the model configuration the graph was exported from (config.json's "name").</summary>
    public const string ModelName = "emuedit.model.name";

    /// <summary>SHA-256 (hex) of the weight file the graph was exported from, so a service can tell stale graphs from current ones.</summary>
    public const string SourceWeightsSha256 = "emuedit.model.source_sha256";

    /// <summary>Multiplier applied to latents after encoding (and divided out before decoding), if any.</summary>
    public const string LatentScale = "emuedit.vae.latent_scale";

    /// <summary>
    /// On a text-encoder head: the frozen sentence encoder under <c>encoders/</c> whose token states the head
    /// takes (the service runs that encoder first), and the SHA-256 of its graph.
    /// </summary>
    public const string PretrainedEncoder = "emuedit.pretrained_encoder";

    public const string PretrainedEncoderSha256 = "emuedit.pretrained_encoder.sha256";
}
