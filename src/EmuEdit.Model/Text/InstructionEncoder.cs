using EmuEdit.Model.Configuration;
using EmuEdit.Model.Networks;
using EmuEdit.SentenceEncoding;
using EmuEdit.Tokenization;
using static TorchSharp.torch;

namespace EmuEdit.Model.Text;

/// <summary>
/// Instructions to a <see cref="TextEncoding"/>, in one of two forms the config chooses. The default: the
/// compact GPT-2 vocabulary and the small <see cref="TextEncoder"/> trained from scratch. With
/// <c>textEncoder.pretrained</c>: a frozen, pretrained sentence encoder's token states (for instance
/// all-MiniLM-L6-v2, found under <c>encoders/</c>) and the trained <see cref="PretrainedTextHead"/> over them,
/// so an instruction's words need not have been seen in training. <see cref="Module"/> is the trained part,
/// what text_encoder.safetensors holds.
/// </summary>
public sealed class InstructionEncoder : IDisposable
{
    private readonly InstructionTokenizer? _tokenizer;
    private readonly SentenceEncoder? _pretrained;
    private TokenStateCache? _cache;

    private InstructionEncoder(TextEncoderOptions options, nn.Module<Tensor, Tensor, TextEncoding> module, InstructionTokenizer? tokenizer, SentenceEncoder? pretrained)
    {
        Options = options;
        Module = module;
        _tokenizer = tokenizer;
        _pretrained = pretrained;
    }

    /// <summary>A fresh (untrained) encoder of <paramref name="options"/>; the tokenizer serves the compact form only.</summary>
    /// <param name="modelFolder">A model folder whose own <c>encoders/</c> is searched before the one beside the binaries.</param>
    /// <exception cref="DirectoryNotFoundException">The pretrained encoder the options name is in neither encoders/ folder.</exception>
    /// <exception cref="InvalidDataException">The encoder found there is not the one the options pin.</exception>
    public static InstructionEncoder Create(TextEncoderOptions options, InstructionTokenizer tokenizer, string? modelFolder = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(tokenizer);
        if (options.Pretrained is null) return new InstructionEncoder(options, new TextEncoder(options), tokenizer, null);
        var pretrained = LocatePretrained(options, modelFolder);
        return new InstructionEncoder(options, new PretrainedTextHead(options, pretrained.Dimension), null, pretrained);
    }

    /// <summary>The process's shared copy of the frozen encoder <paramref name="options"/> names, checked against its pinned SHA-256.</summary>
    public static SentenceEncoder LocatePretrained(TextEncoderOptions options, string? modelFolder = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var name = options.Pretrained ?? throw new ArgumentException("textEncoder.pretrained is not set.", nameof(options));
        var encoder = SentenceEncoders.Shared(SentenceEncoders.Locate(name, modelFolder), new SentenceEncoderOptions { MaxTokens = options.ContextLength });
        if (options.PretrainedSha256 is { } sha && !string.Equals(sha, encoder.ModelSha256, StringComparison.OrdinalIgnoreCase))
            throw new InvalidDataException(
                $"Sentence encoder '{name}' at {encoder.Source} is not the one this model was trained with (model sha256 {encoder.ModelSha256}, expected {sha}).");
        return encoder;
    }

    public TextEncoderOptions Options { get; }

    /// <summary>The trained module: <see cref="TextEncoder"/> or <see cref="PretrainedTextHead"/>.</summary>
    public nn.Module<Tensor, Tensor, TextEncoding> Module { get; }

    /// <summary>The frozen encoder, when the options name one.</summary>
    public SentenceEncoder? Pretrained => _pretrained;

    /// <summary>The cache of the frozen encoder's token states, once <see cref="CacheTokenStates"/> made one.</summary>
    public TokenStateCache? TokenStates => _cache;

    /// <summary>
    /// From now on, remember the frozen encoder's token states of up to <paramref name="capacity"/>
    /// instructions (<see cref="TokenStateCache"/>), for a caller that encodes the same instructions again and
    /// again, such as the trainer. Nothing else changes: the trained head still runs on every call.
    /// </summary>
    /// <exception cref="InvalidOperationException">The compact form has no frozen encoder to cache.</exception>
    public TokenStateCache CacheTokenStates(int capacity)
    {
        var frozen = _pretrained ?? throw new InvalidOperationException("Only a pretrained text encoder has frozen token states to cache.");
        return _cache = new TokenStateCache(frozen, Options.ContextLength, capacity);
    }

    /// <summary>The device the trained module's weights live on.</summary>
    public Device Device => Module.parameters().First().device;

    /// <summary>D, the width of the context and of the pooled vector.</summary>
    public int Width => Options.Width;

    /// <summary>Encodes instructions: context [B, L, D], mask [B, L], pooled [B, D].</summary>
    /// <param name="trimPadding">L is the longest instruction's token count instead of the context length (same values for real tokens).</param>
    public TextEncoding Encode(IReadOnlyList<string> instructions, Device device, bool trimPadding = false)
    {
        ArgumentNullException.ThrowIfNull(instructions);
        var (input, mask) = _pretrained is null ? Tokens(instructions, device, trimPadding) : States(instructions, device, trimPadding);
        var encoding = Module.forward(input, mask);
        input.Dispose(); // the mask lives on in the encoding
        return encoding;
    }

    private (Tensor Ids, Tensor Mask) Tokens(IReadOnlyList<string> instructions, Device device, bool trimPadding)
    {
        var tokens = _tokenizer!.EncodeBatch(instructions, device);
        if (!trimPadding) return (tokens.Ids, tokens.Mask);
        var used = tokens.Mask.sum(1, type: ScalarType.Int64).max().item<long>();
        var trimmed = (tokens.Ids.narrow(1, 0, used), tokens.Mask.narrow(1, 0, used));
        tokens.Dispose();
        return trimmed;
    }

    private (Tensor States, Tensor Mask) States(IReadOnlyList<string> instructions, Device device, bool trimPadding)
    {
        // Padded to the context length unless trimmed, as the compact form is: the same fixed [B, L]
        // shape whichever encoder a caller gets.
        var frozen = _pretrained!;
        var padTo = trimPadding ? (int?)null : Options.ContextLength;
        var (states, mask, length) = _cache is { } cache
            ? cache.EncodeTokens(instructions, padTo)
            : frozen.EncodeTokens(instructions, Options.ContextLength, padTo);
        var batch = instructions.Count;
        return (tensor(states, [batch, length, frozen.Dimension], device: device), tensor(mask, [batch, length], device: device));
    }

    public void Dispose() => Module.Dispose();
}
