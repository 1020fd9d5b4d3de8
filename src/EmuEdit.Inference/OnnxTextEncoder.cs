using System.Globalization;
using EmuEdit.Onnx.Runtime;
using EmuEdit.Tokenization;

namespace EmuEdit.Inference;

/// <summary>
/// Instructions to text-encoder outputs through an ONNX graph that fits <see cref="OnnxGraphContracts.TextEncoder"/>:
/// tokenize, run, return arrays. Thread-safe (the session is); it does not own the session, which normally
/// belongs to an <see cref="OnnxModelCatalog"/>.
/// </summary>
public sealed class OnnxTextEncoder : ITextEncoderGraph
{
    private readonly OnnxModelSession _session;

    /// <summary>Wraps a text-encoder session with an explicit tokenizer (for encoders whose tokenizer EmuEdit cannot build from metadata, such as CLIP).</summary>
    /// <exception cref="OnnxContractException">The model is not a text encoder.</exception>
    /// <exception cref="ArgumentException">The tokenizer's context length does not fit the model.</exception>
    public OnnxTextEncoder(OnnxModelSession session, IInstructionTokenizer tokenizer)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(tokenizer);
        OnnxGraphContracts.TextEncoder.Verify(session);
        _session = session;
        Tokenizer = tokenizer;
        MaxTokens = MaxTokensOf(session);
        if (tokenizer.ContextLength > MaxTokens)
            throw new ArgumentException(
                $"The tokenizer produces {tokenizer.ContextLength} tokens but model '{session.ModelName}' accepts at most {MaxTokens}.", nameof(tokenizer));
        var width = session.Outputs.First(o => o.Name == "pooled").Shape[1];
        Width = width.Size is { } d ? checked((int)d) : null;
    }

    /// <summary>
    /// Wraps a session whose metadata names a tokenizer EmuEdit builds itself (the default model's
    /// <see cref="OnnxTokenizerFamilies.CompactGpt2"/>, whose vocabulary file sits beside the graph).
    /// </summary>
    /// <exception cref="NotSupportedException">The metadata names another tokenizer family or none; use the other constructor.</exception>
    public static OnnxTextEncoder Open(OnnxModelSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return new OnnxTextEncoder(session, TokenizerFromMetadata(session));
    }

    /// <summary>
    /// The graph's text encoder, in the form its metadata says: a text-encoder head over a frozen pretrained
    /// encoder (<see cref="OnnxPretrainedTextEncoder"/>), else a token-id encoder (<see cref="Open"/>).
    /// </summary>
    /// <param name="frozenSession">How a frozen pretrained encoder runs (provider, threads); the head's own settings, normally.</param>
    public static ITextEncoderGraph OpenAny(OnnxModelSession session, OnnxSessionOptions? frozenSession = null) =>
        OnnxPretrainedTextEncoder.IsHead(session) ? OnnxPretrainedTextEncoder.Open(session, frozenSession) : Open(session);

    public IInstructionTokenizer Tokenizer { get; }

    /// <summary>L for instructions: every encoded instruction has this many positions.</summary>
    public int ContextLength => Tokenizer.ContextLength;

    /// <summary>The longest token sequence the graph accepts (its max_tokens metadata, else its fixed L, else unbounded).</summary>
    public int MaxTokens { get; }

    /// <summary>D, when the graph declares it (the project's graphs do); otherwise known after the first run.</summary>
    public int? Width { get; }

    /// <summary>Tokenizes and encodes a batch of instructions (at least one).</summary>
    public TextEncoderOutput Encode(IReadOnlyList<string> instructions)
    {
        ArgumentNullException.ThrowIfNull(instructions);
        if (instructions.Count == 0) throw new ArgumentException("Give at least one instruction.", nameof(instructions));
        return Encode(TokenizedBatch.Encode(Tokenizer, instructions));
    }

    /// <summary>Encodes ids that are already tokenized (for example received over the wire).</summary>
    /// <exception cref="ArgumentException">Empty batch, too long, or a row without any real token.</exception>
    public TextEncoderOutput Encode(TokenizedBatch tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        Validate(tokens);
        long[] shape = [tokens.Count, tokens.Length];
        var outputs = _session.Run(
            [OnnxInputTensor.Int64("token_ids", tokens.Ids, shape), OnnxInputTensor.Bool("token_mask", tokens.Mask, shape)],
            ["context", "pooled"]);
        var context = outputs["context"];
        var pooled = outputs["pooled"];
        var width = checked((int)pooled.Shape[1]);
        return new TextEncoderOutput(tokens.Count, tokens.Length, width, context.Data, tokens.Mask, pooled.Data);
    }

    private void Validate(TokenizedBatch tokens)
    {
        if (tokens.Count <= 0 || tokens.Length <= 0)
            throw new ArgumentException($"A token batch needs at least one row and one position; got [{tokens.Count},{tokens.Length}].", nameof(tokens));
        if (tokens.Length > MaxTokens)
            throw new ArgumentException($"{tokens.Length} tokens per row exceed the {MaxTokens} that model '{_session.ModelName}' accepts.", nameof(tokens));
        var cells = (long)tokens.Count * tokens.Length;
        if (tokens.Ids.LongLength != cells || tokens.Mask.LongLength != cells)
            throw new ArgumentException(
                $"Token batch [{tokens.Count},{tokens.Length}] needs {cells} ids and mask entries; got {tokens.Ids.LongLength} and {tokens.Mask.LongLength}.", nameof(tokens));
        for (var row = 0; row < tokens.Count; row++)
        {
            // An all-padding row has no key to attend to: its softmax is NaN in any runtime.
            if (Array.IndexOf(tokens.Mask, true, row * tokens.Length, tokens.Length) < 0)
                throw new ArgumentException($"Row {row} of the token mask has no real token (every row needs at least its end token).", nameof(tokens));
        }
    }

    private static int MaxTokensOf(OnnxModelSession session)
    {
        if (session.Metadata.TryGetValue(OnnxMetadataKeys.MaxTokens, out var text))
        {
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
                ? n
                : throw new InvalidDataException($"Model '{session.ModelName}': metadata {OnnxMetadataKeys.MaxTokens} = '{text}' is not a positive integer.");
        }
        var declared = session.Inputs.First(i => i.Name == "token_ids").Shape[1];
        return declared.Size is { } fixedLength ? checked((int)fixedLength) : int.MaxValue;
    }

    private static IInstructionTokenizer TokenizerFromMetadata(OnnxModelSession session)
    {
        var family = session.Metadata.GetValueOrDefault(OnnxMetadataKeys.Tokenizer);
        return family switch
        {
            OnnxTokenizerFamilies.CompactGpt2 => CompactTokenizer(session),
            OnnxTokenizerFamilies.Clip => ClipTokenizer(session),
            _ => throw new NotSupportedException(
                $"Model '{session.ModelName}' declares tokenizer '{family ?? "(none)"}' ({OnnxMetadataKeys.Tokenizer}); only " +
                $"'{OnnxTokenizerFamilies.CompactGpt2}' and '{OnnxTokenizerFamilies.Clip}' are built from metadata. " +
                "Pass an IInstructionTokenizer for this encoder to the constructor."),
        };
    }

    private static InstructionTokenizer CompactTokenizer(OnnxModelSession session)
    {
        if (!session.Metadata.TryGetValue(OnnxMetadataKeys.TokenizerVocabulary, out var vocabulary))
            throw new InvalidDataException($"Model '{session.ModelName}' names no vocabulary file ({OnnxMetadataKeys.TokenizerVocabulary}).");
        var path = Path.Combine(Path.GetDirectoryName(session.ModelPath)!, vocabulary);
        if (!File.Exists(path))
            throw new FileNotFoundException($"Model '{session.ModelName}' needs its vocabulary {vocabulary} beside it; {path} does not exist.", path);
        return InstructionTokenizer.Load(path, MaxTokensOf(session));
    }

    private static ClipInstructionTokenizer ClipTokenizer(OnnxModelSession session)
    {
        var length = MaxTokensOf(session);
        if (length == int.MaxValue)
            throw new InvalidDataException(
                $"Model '{session.ModelName}' declares the CLIP tokenizer but neither {OnnxMetadataKeys.MaxTokens} nor a fixed token length (CLIP's is 77).");
        int? pad = null;
        if (session.Metadata.TryGetValue(OnnxMetadataKeys.PadTokenId, out var text))
        {
            pad = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                ? id
                : throw new InvalidDataException($"Model '{session.ModelName}': metadata {OnnxMetadataKeys.PadTokenId} = '{text}' is not a token id.");
        }
        return new ClipInstructionTokenizer(ClipBpeTokenizer.FromFolder(Path.GetDirectoryName(session.ModelPath)!), length, pad);
    }
}
