using System.Globalization;
using EmuEdit.Model.Configuration;
using EmuEdit.Model.Checkpoints;
using EmuEdit.Onnx.Runtime;
using EmuEdit.Tokenization;

namespace EmuEdit.Model.Onnx;

/// <summary>The metadata_props each graph carries, so a service can feed it without the checkpoint's config.</summary>
internal static class ModelGraphMetadata
{
    public static Dictionary<string, string> TextEncoder(TextEncoderOptions o, ModelProvenance? provenance)
    {
        var m = Common(OnnxGraphRoles.TextEncoder, provenance);
        m[OnnxMetadataKeys.Tokenizer] = OnnxTokenizerFamilies.CompactGpt2;
        m[OnnxMetadataKeys.TokenizerVocabulary] = ModelCheckpoint.VocabularyFile;
        m[OnnxMetadataKeys.MaxTokens] = Invariant(o.ContextLength);
        m[OnnxMetadataKeys.PadTokenId] = Invariant(SpecialTokens.Pad);
        m[OnnxMetadataKeys.EosTokenId] = Invariant(SpecialTokens.EndOfText);
        return m;
    }

    /// <summary>The head of a pretrained text encoder: which frozen encoder to run first, pinned by its graph's SHA-256.</summary>
    public static Dictionary<string, string> TextEncoderHead(TextEncoderOptions o, string encoderSha256, ModelProvenance? provenance)
    {
        var m = Common(OnnxGraphRoles.TextEncoderHead, provenance);
        m[OnnxMetadataKeys.PretrainedEncoder] = o.Pretrained ?? throw new ArgumentException("textEncoder.pretrained is not set.", nameof(o));
        m[OnnxMetadataKeys.PretrainedEncoderSha256] = encoderSha256;
        m[OnnxMetadataKeys.MaxTokens] = Invariant(o.ContextLength);
        return m;
    }

    public static Dictionary<string, string> Vae(string role, AutoencoderOptions o, float latentScale, ModelProvenance? provenance)
    {
        var m = Common(role, provenance);
        m[OnnxMetadataKeys.DownsampleFactor] = Invariant(o.DownFactor);
        m[OnnxMetadataKeys.LatentChannels] = Invariant(o.LatentChannels);
        // "R" so the service reads back exactly the float the graph multiplies by.
        m[OnnxMetadataKeys.LatentScale] = latentScale.ToString("R", CultureInfo.InvariantCulture);
        return m;
    }

    private static Dictionary<string, string> Common(string role, ModelProvenance? provenance)
    {
        var m = new Dictionary<string, string> { [OnnxMetadataKeys.Role] = role };
        if (provenance is null) return m;
        m[OnnxMetadataKeys.ModelName] = provenance.ModelName;
        if (provenance.SourceWeightsSha256 is { } sha) m[OnnxMetadataKeys.SourceWeightsSha256] = sha;
        return m;
    }

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
