namespace EmuEdit.Onnx.Runtime;

/// <summary>Values of <see cref="OnnxMetadataKeys.Tokenizer"/> that EmuEdit can tokenize for by itself.</summary>
public static class OnnxTokenizerFamilies
{
    /// <summary>
    /// The default model's: GPT-2 BPE mapped to a compact vocabulary (pad 0, unknown 1, end 2, then the
    /// ids of <see cref="OnnxMetadataKeys.TokenizerVocabulary"/>), end token appended, no start token.
    /// </summary>
    public const string CompactGpt2 = "emuedit-gpt2";

    /// <summary>
    /// A CLIP text tower's: CLIP BPE from the vocab.json and merges.txt beside the graph, start and end
    /// tokens from that vocabulary, padding with <see cref="OnnxMetadataKeys.PadTokenId"/> (default: the
    /// end token), L from <see cref="OnnxMetadataKeys.MaxTokens"/> or the graph's fixed token length.
    /// </summary>
    public const string Clip = "clip";
}
