using EmuEdit.Onnx.Runtime;

namespace EmuEdit.SentenceEncoding;

/// <summary>How a <see cref="SentenceEncoder"/> tokenises and runs.</summary>
public sealed record SentenceEncoderOptions
{
    /// <summary>
    /// Tokens per text, [CLS] and [SEP] included; longer texts are cut. all-MiniLM-L6-v2 was trained on
    /// 128 and sentence-transformers serves it at 256; instructions with a scene caption reach ~60.
    /// </summary>
    public int MaxTokens { get; init; } = 256;

    /// <summary>Texts run through the model together (padded to the longest); bigger batches amortise the per-run overhead.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>The ONNX Runtime session (threads, provider).</summary>
    public OnnxSessionOptions Session { get; init; } = new();

    /// <summary>[CLS] + one word piece + [SEP]: the shortest useful token limit.</summary>
    public const int MinMaxTokens = 3;

    public void Validate()
    {
        if (MaxTokens < MinMaxTokens) throw new ArgumentOutOfRangeException(nameof(MaxTokens), MaxTokens, $"must be >= {MinMaxTokens}");
        if (BatchSize <= 0) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "must be > 0");
    }
}
