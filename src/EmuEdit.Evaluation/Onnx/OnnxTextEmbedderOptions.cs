namespace EmuEdit.Evaluation.Onnx;

/// <summary>How captions are fed to an ONNX text encoder.</summary>
public sealed record OnnxTextEmbedderOptions
{
    public string Name { get; init; } = "clip-text";

    /// <summary>Tokens per caption (start and end included) when the graph's sequence dim is symbolic; CLIP uses 77.</summary>
    public int ContextLength { get; init; } = 77;

    /// <summary>Id written after the end token. CLIP's own exports pad with the end token; 0 suits most others.</summary>
    public int? PadToken { get; init; }

    /// <summary>Output to read; null takes the first.</summary>
    public string? OutputName { get; init; }

    public void Validate()
    {
        if (ContextLength < 2) throw new ArgumentOutOfRangeException(nameof(ContextLength), ContextLength, "needs room for start and end tokens");
    }
}
