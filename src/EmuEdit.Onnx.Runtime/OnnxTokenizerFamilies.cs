namespace EmuEdit.Onnx.Runtime;

/// <summary>Values of <see cref="OnnxMetadataKeys.Tokenizer"/> that EmuEdit can tokenize for by itself.</summary>
public static class OnnxTokenizerFamilies
{
    /// <summary>
    /// The default model's: GPT-2 BPE mapped to a compact vocabulary (pad 0, unknown 1, end 2, then the
    /// ids of <see cref="OnnxMetadataKeys.TokenizerVocabulary"/>), end token appended, no start token.
    /// </summary>
    public const string CompactGpt2 = "emuedit-gpt2";
}
