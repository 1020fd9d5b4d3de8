namespace EmuEdit.Tokenization;

/// <summary>The token ids an ONNX text encoder was trained on: content ids plus its start and end tokens.</summary>
public interface ITextTokenizer
{
    int StartToken { get; }
    int EndToken { get; }

    /// <summary>Content ids of <paramref name="text"/>, without start and end tokens.</summary>
    IReadOnlyList<int> Encode(string text);
}
