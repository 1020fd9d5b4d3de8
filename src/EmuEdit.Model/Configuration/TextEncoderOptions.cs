using EmuEdit.Tokenization;

namespace EmuEdit.Model.Configuration;

/// <summary>The instruction encoder: a small pre-LN transformer over compact GPT-2 BPE ids.</summary>
public sealed record TextEncoderOptions
{
    /// <summary>L, tokens per instruction (longer ones are truncated; the end-of-text token always fits).</summary>
    public required int ContextLength { get; init; }

    /// <summary>D, the width of every token vector and of the pooled vector.</summary>
    public required int Width { get; init; }

    /// <summary>Transformer layers.</summary>
    public required int Layers { get; init; }

    /// <summary>Attention heads; must divide <see cref="Width"/>.</summary>
    public required int Heads { get; init; }

    /// <summary>Hidden width of each feed-forward block as a multiple of <see cref="Width"/>.</summary>
    public required int FeedForwardMultiplier { get; init; }

    /// <summary>Rows of the token embedding table: the reserved ids plus the largest compact vocabulary it can hold.</summary>
    public required int VocabularySize { get; init; }

    internal void Validate(ConfigProblems problems)
    {
        problems.Require(ContextLength >= 2, $"textEncoder.contextLength must be at least 2 (one word and the end token; got {ContextLength})");
        problems.Require(Width > 0, $"textEncoder.width must be positive (got {Width})");
        problems.Require(Layers > 0, $"textEncoder.layers must be positive (got {Layers})");
        problems.Require(Heads > 0 && Width % Heads == 0, $"textEncoder.heads ({Heads}) must be positive and divide textEncoder.width ({Width})");
        problems.Require(FeedForwardMultiplier > 0, $"textEncoder.feedForwardMultiplier must be positive (got {FeedForwardMultiplier})");
        problems.Require(VocabularySize > SpecialTokens.Count,
            $"textEncoder.vocabularySize must exceed the {SpecialTokens.Count} reserved ids (got {VocabularySize})");
    }
}
