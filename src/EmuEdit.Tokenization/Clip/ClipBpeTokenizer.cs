using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.ML.Tokenizers;

namespace EmuEdit.Tokenization;

/// <summary>
/// CLIP's byte-level BPE from the vocab.json and merges.txt that ship with every CLIP export: lower-cased
/// text, CLIP's word pattern, "&lt;/w&gt;" marking word ends; start and end tokens are the vocabulary's
/// &lt;|startoftext|&gt; and &lt;|endoftext|&gt;.
/// </summary>
public sealed partial class ClipBpeTokenizer : ITextTokenizer
{
    public const string VocabularyFile = "vocab.json";
    public const string MergesFile = "merges.txt";
    private const string StartText = "<|startoftext|>";
    private const string EndText = "<|endoftext|>";
    private const string EndOfWord = "</w>";

    private readonly BpeTokenizer _bpe;

    private ClipBpeTokenizer(BpeTokenizer bpe, int start, int end)
    {
        _bpe = bpe;
        StartToken = start;
        EndToken = end;
    }

    public int StartToken { get; }
    public int EndToken { get; }

    /// <summary>Loads vocab.json and merges.txt from <paramref name="folder"/>.</summary>
    public static ClipBpeTokenizer FromFolder(string folder)
    {
        var vocab = Path.Combine(folder, VocabularyFile);
        var merges = Path.Combine(folder, MergesFile);
        foreach (var f in new[] { vocab, merges })
        {
            if (!File.Exists(f)) throw new FileNotFoundException($"CLIP tokenizer file {Path.GetFileName(f)} not found in {folder}.", f);
        }
        var ids = JsonSerializer.Deserialize<Dictionary<string, int>>(File.ReadAllText(vocab))
                  ?? throw new InvalidDataException($"{vocab} is empty.");
        int Id(string token) => ids.TryGetValue(token, out var id) ? id
            : throw new InvalidDataException($"{vocab} has no {token} token; is it a CLIP vocabulary?");
        var special = new Dictionary<string, int> { [StartText] = Id(StartText), [EndText] = Id(EndText) };
        var bpe = BpeTokenizer.Create(vocab, merges, new RegexPreTokenizer(WordPattern(), special), new LowerCaseNormalizer(),
            special, unknownToken: null, continuingSubwordPrefix: null, endOfWordSuffix: EndOfWord, fuseUnknownTokens: false);
        return new ClipBpeTokenizer(bpe, special[StartText], special[EndText]);
    }

    public IReadOnlyList<int> Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // CLIP collapses runs of whitespace before tokenizing.
        var clean = Whitespace().Replace(text.Trim(), " ");
        return _bpe.EncodeToIds(clean, considerPreTokenization: true, considerNormalization: true);
    }

    /// <summary>CLIP's pre-tokenizer pattern: special tokens, English contractions, letter runs, single digits, other symbol runs.</summary>
    [GeneratedRegex(@"<\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+", RegexOptions.IgnoreCase)]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
