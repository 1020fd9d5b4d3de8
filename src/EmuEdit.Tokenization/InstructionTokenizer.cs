namespace EmuEdit.Tokenization;

/// <summary>
/// GPT-2 BPE followed by a compact vocabulary: only the GPT-2 ids seen in a training corpus get rows in the
/// text encoder's embedding table (a 50k-row table would dwarf a small model). Compact ids are
/// <see cref="SpecialTokens"/> (pad 0, unknown 1, end 2) followed by the kept GPT-2 ids, most frequent first.
/// Every instruction encodes to exactly <see cref="ContextLength"/> ids: its tokens (truncated so the end
/// token always fits), the end token, then padding.
/// </summary>
public sealed class InstructionTokenizer : IInstructionTokenizer
{
    private readonly int[] _gpt2Ids;
    private readonly Dictionary<int, long> _compactByGpt2;

    public InstructionTokenizer(IReadOnlyList<int> gpt2Ids, int contextLength)
    {
        ArgumentNullException.ThrowIfNull(gpt2Ids);
        if (contextLength < 2)
            throw new ArgumentOutOfRangeException(nameof(contextLength), contextLength, "The context must hold at least one token and the end token.");
        _gpt2Ids = gpt2Ids.ToArray();
        _compactByGpt2 = new Dictionary<int, long>(_gpt2Ids.Length);
        for (var i = 0; i < _gpt2Ids.Length; i++)
        {
            if (!_compactByGpt2.TryAdd(_gpt2Ids[i], SpecialTokens.Count + i))
                throw new ArgumentException($"GPT-2 id {_gpt2Ids[i]} appears twice in the vocabulary.", nameof(gpt2Ids));
        }
        ContextLength = contextLength;
    }

    /// <summary>L, the length of every encoded instruction.</summary>
    public int ContextLength { get; }

    /// <summary>Compact ids in use (reserved plus kept); the text encoder's table needs at least this many rows.</summary>
    public int VocabularySize => SpecialTokens.Count + _gpt2Ids.Length;

    /// <summary>The kept GPT-2 ids; compact id = <see cref="SpecialTokens.Count"/> + index.</summary>
    public IReadOnlyList<int> Gpt2Ids => _gpt2Ids;

    /// <summary>
    /// Builds the vocabulary from training instructions: the most frequent GPT-2 ids (ties by id, so the
    /// result is deterministic), at most <paramref name="vocabularySize"/> compact ids in all.
    /// </summary>
    public static InstructionTokenizer Build(IEnumerable<string> instructions, int vocabularySize, int contextLength)
    {
        ArgumentNullException.ThrowIfNull(instructions);
        if (vocabularySize <= SpecialTokens.Count)
            throw new ArgumentOutOfRangeException(nameof(vocabularySize), vocabularySize, $"Must exceed the {SpecialTokens.Count} reserved ids.");
        var counts = new Dictionary<int, int>();
        foreach (var instruction in instructions)
        {
            foreach (var id in Gpt2Bpe.Encode(Normalise(instruction)))
                counts[id] = counts.GetValueOrDefault(id) + 1;
        }
        var kept = counts
            .OrderByDescending(kv => kv.Value)
            .ThenBy(kv => kv.Key)
            .Take(vocabularySize - SpecialTokens.Count)
            .Select(kv => kv.Key)
            .ToArray();
        return new InstructionTokenizer(kept, contextLength);
    }

    /// <summary>Encodes one instruction to <see cref="ContextLength"/> compact ids and its mask.</summary>
    public EncodedInstruction Encode(string instruction)
    {
        var ids = new long[ContextLength];
        var mask = new bool[ContextLength];
        var tokens = Gpt2Bpe.Encode(Normalise(instruction));
        var kept = Math.Min(tokens.Count, ContextLength - 1);
        for (var i = 0; i < kept; i++)
        {
            ids[i] = _compactByGpt2.TryGetValue(tokens[i], out var compact) ? compact : SpecialTokens.Unknown;
            mask[i] = true;
        }
        ids[kept] = SpecialTokens.EndOfText;
        mask[kept] = true;
        // The rest stays SpecialTokens.Pad (0) with mask false.
        return new EncodedInstruction(ids, mask);
    }

    /// <summary>Encodes a batch as row-major ids [B, L] and mask [B, L] (see <see cref="TokenizedBatch"/>).</summary>
    public TokenizedBatch EncodeAll(IReadOnlyList<string> instructions) => TokenizedBatch.Encode(this, instructions);

    /// <summary>Writes the vocabulary as JSON (the context length belongs to the model config, not to this file).</summary>
    public void Save(string path) => VocabularyFile.Save(path, _gpt2Ids);

    /// <summary>Reads a vocabulary written by <see cref="Save"/>.</summary>
    public static InstructionTokenizer Load(string path, int contextLength) => new(VocabularyFile.Load(path), contextLength);

    // Surrounding whitespace changes GPT-2 tokens without changing the meaning; case is kept because
    // text-rendering instructions quote exact strings.
    private static string Normalise(string instruction)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        return instruction.Trim();
    }

}
