namespace EmuEdit.SentenceEncoding;

/// <summary>
/// Remembers a frozen encoder's per-token states by text, for a caller that encodes the same texts again
/// and again: the editor trainer sees every training instruction once an epoch, and running the frozen
/// transformer for them cost a large share of each step. Every text is encoded alone, so what it holds
/// depends on the text only; a batch holding it would give the same values up to float rounding (padding
/// is masked).
/// </summary>
/// <remarks>
/// Bounded: once <see cref="Capacity"/> texts are held, new texts are encoded but not kept (no eviction,
/// so a training set larger than the cache keeps a fixed part of itself). Thread-safe.
/// </remarks>
public sealed class TokenStateCache
{
    private readonly Dictionary<string, float[]> _states = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <param name="encoder">The frozen encoder; it stays owned by the caller.</param>
    /// <param name="maxTokens">Every text is cut to this many word pieces, as <see cref="SentenceEncoder.EncodeTokens"/> does.</param>
    /// <param name="capacity">At most this many texts are kept.</param>
    public TokenStateCache(SentenceEncoder encoder, int maxTokens, int capacity)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTokens, SentenceEncoderOptions.MinMaxTokens);
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        Encoder = encoder;
        MaxTokens = maxTokens;
        Capacity = capacity;
    }

    public SentenceEncoder Encoder { get; }

    public int MaxTokens { get; }

    public int Capacity { get; }

    /// <summary>Texts held now.</summary>
    public int Count
    {
        get
        {
            lock (_gate) return _states.Count;
        }
    }

    /// <summary>Floats held now (4 bytes each).</summary>
    public long Floats
    {
        get
        {
            lock (_gate) return _states.Values.Sum(s => (long)s.Length);
        }
    }

    /// <summary>
    /// <see cref="SentenceEncoder.EncodeTokens"/> at <see cref="MaxTokens"/>: [B, L, H] states and a [B, L] mask,
    /// L = <paramref name="padTo"/> or the longest text's word-piece count. Only texts not held are run
    /// through the encoder, one at a time.
    /// </summary>
    public (float[] States, bool[] Mask, int Length) EncodeTokens(IReadOnlyList<string> texts, int? padTo = null)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (padTo < MaxTokens) throw new ArgumentOutOfRangeException(nameof(padTo), padTo, $"must be at least maxTokens = {MaxTokens}");
        var d = Encoder.Dimension;
        var rows = Lookup(texts, d);
        var length = padTo ?? (rows.Length == 0 ? 0 : rows.Max(r => r.Length / d));
        var states = new float[texts.Count * length * d];
        var mask = new bool[texts.Count * length];
        for (var i = 0; i < rows.Length; i++)
        {
            Array.Copy(rows[i], 0, states, i * length * d, rows[i].Length);
            Array.Fill(mask, true, i * length, rows[i].Length / d);
        }
        return (states, mask, length);
    }

    // Each text's states without padding: [n, H] row-major, n its word-piece count.
    private float[][] Lookup(IReadOnlyList<string> texts, int d)
    {
        var rows = new float[texts.Count][];
        var missing = new List<string>();
        var queued = new HashSet<string>(StringComparer.Ordinal);
        lock (_gate)
        {
            for (var i = 0; i < texts.Count; i++)
            {
                var text = texts[i] ?? throw new ArgumentNullException(nameof(texts), $"Text {i} is null.");
                if (_states.TryGetValue(text, out var held)) rows[i] = held;
                else if (queued.Add(text)) missing.Add(text);
            }
        }
        if (missing.Count == 0) return rows;

        // Each text alone: a batch's shape may change the float rounding, and a held state must depend on its
        // text only, or a resumed run (its cache refilled from other batches) would drift from an
        // uninterrupted one. Outside the lock: another thread may encode the same text meanwhile, and the
        // first to store it wins; both have the same states.
        var fresh = new Dictionary<string, float[]>(StringComparer.Ordinal);
        foreach (var text in missing)
        {
            var (states, _, length) = Encoder.EncodeTokens([text], MaxTokens);
            fresh[text] = states.AsSpan(0, length * d).ToArray();
        }
        lock (_gate)
        {
            foreach (var (text, row) in fresh)
                if (_states.Count < Capacity) _states.TryAdd(text, row);
        }
        for (var i = 0; i < texts.Count; i++) rows[i] ??= fresh[texts[i]];
        return rows;
    }
}
