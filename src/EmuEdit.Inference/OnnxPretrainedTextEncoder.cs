using System.Globalization;
using EmuEdit.Onnx.Runtime;
using EmuEdit.SentenceEncoding;

namespace EmuEdit.Inference;

/// <summary>
/// A pretrained text encoder on ONNX Runtime: the frozen sentence encoder that text_encoder.onnx's metadata
/// names (found under <c>encoders/</c> beside the graph or the binaries, checked by its SHA-256) gives the
/// token states, and text_encoder.onnx, the trained head, turns them into the context.
/// </summary>
public sealed class OnnxPretrainedTextEncoder : ITextEncoderGraph
{
    private readonly OnnxModelSession _head;
    private readonly SentenceEncoder _frozen;

    private OnnxPretrainedTextEncoder(OnnxModelSession head, SentenceEncoder frozen, int contextLength)
    {
        _head = head;
        _frozen = frozen;
        ContextLength = contextLength;
    }

    /// <summary>Whether <paramref name="session"/> is such a head (its metadata names a pretrained encoder).</summary>
    public static bool IsHead(OnnxModelSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return session.Metadata.ContainsKey(OnnxMetadataKeys.PretrainedEncoder);
    }

    /// <exception cref="OnnxContractException">The graph is not a text-encoder head.</exception>
    /// <exception cref="DirectoryNotFoundException">The frozen encoder is in neither encoders/ folder.</exception>
    /// <exception cref="InvalidDataException">Metadata is missing or the encoder found is not the pinned one.</exception>
    /// <param name="frozenSession">How the frozen encoder runs (provider, threads): the head's service settings, so both halves obey them.</param>
    public static OnnxPretrainedTextEncoder Open(OnnxModelSession session, OnnxSessionOptions? frozenSession = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        OnnxGraphContracts.TextEncoderHead.Verify(session);
        var name = Required(session, OnnxMetadataKeys.PretrainedEncoder);
        var sha = Required(session, OnnxMetadataKeys.PretrainedEncoderSha256);
        var lengthText = Required(session, OnnxMetadataKeys.MaxTokens);
        if (!int.TryParse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture, out var length) || length < 3)
            throw new InvalidDataException($"Model '{session.ModelName}': metadata {OnnxMetadataKeys.MaxTokens} = '{lengthText}' is not a token count of at least 3.");
        var folder = SentenceEncoders.Locate(name, Path.GetDirectoryName(session.ModelPath));
        var frozen = SentenceEncoders.Shared(folder, new SentenceEncoderOptions { MaxTokens = length, Session = frozenSession ?? new OnnxSessionOptions() });
        if (!string.Equals(frozen.ModelSha256, sha, StringComparison.OrdinalIgnoreCase))
            throw new InvalidDataException(
                $"Sentence encoder '{name}' at {frozen.Source} is not the one '{session.ModelName}' was trained with (model sha256 {frozen.ModelSha256}, expected {sha}).");
        var states = session.Inputs.First(i => i.Name == "token_states").Shape[2];
        if (states.Size is { } h && h != frozen.Dimension)
            throw new InvalidDataException($"Model '{session.ModelName}' takes {h}-wide token states; '{name}' gives {frozen.Dimension}.");
        return new OnnxPretrainedTextEncoder(session, frozen, length);
    }

    /// <summary>L: every encoded instruction has this many positions (word pieces, [CLS] and [SEP] included, then padding).</summary>
    public int ContextLength { get; }

    public TextEncoderOutput Encode(IReadOnlyList<string> instructions)
    {
        ArgumentNullException.ThrowIfNull(instructions);
        if (instructions.Count == 0) throw new ArgumentException("Give at least one instruction.", nameof(instructions));
        // Padded to L, as the compact encoder's output is, so callers see one fixed shape.
        var (states, mask, _) = _frozen.EncodeTokens(instructions, ContextLength, padTo: ContextLength);
        var count = instructions.Count;
        var outputs = _head.Run(
            [OnnxInputTensor.Float("token_states", states, count, ContextLength, _frozen.Dimension), OnnxInputTensor.Bool("token_mask", mask, count, ContextLength)],
            ["context", "pooled"]);
        var pooled = outputs["pooled"];
        var width = checked((int)pooled.Shape[1]);
        return new TextEncoderOutput(count, ContextLength, width, outputs["context"].Data, mask, pooled.Data);
    }

    private static string Required(OnnxModelSession session, string key) =>
        session.Metadata.TryGetValue(key, out var value) && value.Length > 0
            ? value
            : throw new InvalidDataException($"Model '{session.ModelName}' has no metadata {key}.");
}
