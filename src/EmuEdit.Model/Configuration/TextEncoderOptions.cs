using EmuEdit.Tokenization;

namespace EmuEdit.Model.Configuration;

/// <summary>
/// The instruction encoder: a small pre-LN transformer over compact GPT-2 BPE ids, or (with
/// <see cref="Pretrained"/>) a trained head of <see cref="Layers"/> such layers over a frozen pretrained
/// sentence encoder's token states.
/// </summary>
public sealed record TextEncoderOptions
{
    /// <summary>L, tokens per instruction (longer ones are truncated; the end-of-text token always fits).</summary>
    public required int ContextLength { get; init; }

    /// <summary>D, the width of every token vector and of the pooled vector.</summary>
    public required int Width { get; init; }

    /// <summary>Transformer layers (of the head, with <see cref="Pretrained"/>).</summary>
    public required int Layers { get; init; }

    /// <summary>Attention heads; must divide <see cref="Width"/>.</summary>
    public required int Heads { get; init; }

    /// <summary>Hidden width of each feed-forward block as a multiple of <see cref="Width"/>.</summary>
    public required int FeedForwardMultiplier { get; init; }

    /// <summary>Rows of the token embedding table: the reserved ids plus the largest compact vocabulary it can hold.</summary>
    public required int VocabularySize { get; init; }

    /// <summary>
    /// A frozen pretrained sentence encoder under <c>encoders/</c> (for instance all-MiniLM-L6-v2) whose token
    /// states feed a trained head (<see cref="Networks.PretrainedTextHead"/>) instead of the compact
    /// vocabulary's embedding table; null for the small transformer trained from scratch.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Pretrained { get; init; }

    /// <summary>
    /// SHA-256 of the pretrained encoder's ONNX graph (the trainer pins the one it trained with), so a
    /// different encoder under the same name is refused instead of silently giving wrong contexts.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? PretrainedSha256 { get; init; }

    private const int MinPretrainedTokens = EmuEdit.SentenceEncoding.SentenceEncoderOptions.MinMaxTokens;
    private const int MaxPretrainedTokens = 512;

    internal void Validate(ConfigProblems problems)
    {
        problems.Require(ContextLength >= 2, $"textEncoder.contextLength must be at least 2 (one word and the end token; got {ContextLength})");
        problems.Require(Width > 0, $"textEncoder.width must be positive (got {Width})");
        problems.Require(Layers > 0, $"textEncoder.layers must be positive (got {Layers})");
        problems.Require(Heads > 0 && Width % Heads == 0, $"textEncoder.heads ({Heads}) must be positive and divide textEncoder.width ({Width})");
        problems.Require(FeedForwardMultiplier > 0, $"textEncoder.feedForwardMultiplier must be positive (got {FeedForwardMultiplier})");
        problems.Require(Pretrained is null || (Pretrained.Length > 0 && Pretrained.IndexOfAny(['/', '\\']) < 0 && Pretrained is not ("." or "..")),
            $"textEncoder.pretrained must name a folder under encoders/ (got '{Pretrained}')");
        problems.Require(PretrainedSha256 is null || Pretrained is not null, "textEncoder.pretrainedSha256 needs textEncoder.pretrained");
        problems.Require(Pretrained is null || ContextLength is >= MinPretrainedTokens and <= MaxPretrainedTokens,
            $"textEncoder.contextLength must be in [{MinPretrainedTokens}, {MaxPretrainedTokens}] with a pretrained encoder ([CLS], a word piece and [SEP] at least; BERT-style encoders have {MaxPretrainedTokens} positions; got {ContextLength})");
        problems.Require(VocabularySize > SpecialTokens.Count,
            $"textEncoder.vocabularySize must exceed the {SpecialTokens.Count} reserved ids (got {VocabularySize})");
    }
}
