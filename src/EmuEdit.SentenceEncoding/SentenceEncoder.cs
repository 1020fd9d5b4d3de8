using EmuEdit.Onnx.Runtime;
using Microsoft.ML.Tokenizers;

namespace EmuEdit.SentenceEncoding;

/// <summary>
/// A frozen, pretrained BERT-style sentence encoder (all-MiniLM-L6-v2 by default): WordPiece tokens →
/// ONNX transformer → the mean of the token states over the attention mask, scaled to unit length
/// (the sentence-transformers recipe the model was trained with, so cosine similarity is meaningful).
/// It is what gives the task predictor words it never saw in training: "vanish" lands near "remove".
/// </summary>
/// <remarks>
/// Thread-safe: the tokenizer is immutable after creation and <see cref="OnnxModelSession.Run"/> may be
/// called from many threads. Creating one loads ~90 MB and optimises the graph (about a second), so a
/// process shares one per encoder folder (<see cref="SentenceEncoders.Shared"/>).
/// </remarks>
public sealed class SentenceEncoder : IDisposable
{
    private const string InputIds = "input_ids";
    private const string AttentionMask = "attention_mask";
    private const string TokenTypeIds = "token_type_ids";
    private const string TokenStates = "last_hidden_state";

    private readonly OnnxModelSession _session;
    private readonly BertTokenizer _tokenizer;
    private readonly bool _takesTokenTypes;

    public SentenceEncoder(SentenceEncoderFiles files, SentenceEncoderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        Options = options ?? new SentenceEncoderOptions();
        Options.Validate();
        Name = files.Name;
        Source = files.Source;
        ModelSha256 = files.ModelSha256;
        using (var vocabulary = new MemoryStream(files.Vocabulary, writable: false))
        {
            // Uncased English BERT vocabularies (all-MiniLM-L6-v2, arctic-embed-xs) expect lower-cased input.
            _tokenizer = BertTokenizer.Create(vocabulary, new BertOptions { LowerCaseBeforeTokenization = true });
        }
        _session = new OnnxModelSession(files.Model, files.Source, SentenceEncoderFiles.ModelFileName, Options.Session);
        var inputs = _session.Inputs.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        if (!inputs.Contains(InputIds) || !inputs.Contains(AttentionMask))
            throw new InvalidDataException($"{files.Source}: a sentence encoder needs inputs {InputIds} and {AttentionMask}; it has {string.Join(", ", inputs)}.");
        _takesTokenTypes = inputs.Contains(TokenTypeIds);
        var states = _session.Outputs.FirstOrDefault(o => o.Name == TokenStates)
            ?? throw new InvalidDataException($"{files.Source}: a sentence encoder needs the output {TokenStates}.");
        Dimension = states.Rank == 3 && states.Shape[2].Size is { } d
            ? checked((int)d)
            : throw new InvalidDataException($"{files.Source}: {TokenStates} must be [batch, tokens, hidden] with a fixed hidden size.");
    }

    /// <summary>Loads the encoder in <paramref name="folder"/> (see <see cref="SentenceEncoderFiles.Load"/>).</summary>
    public static SentenceEncoder Load(string folder, SentenceEncoderOptions? options = null) => new(SentenceEncoderFiles.Load(folder), options);

    public SentenceEncoderOptions Options { get; }

    /// <summary>The encoder's name: its folder's name under <c>encoders/</c>.</summary>
    public string Name { get; }

    /// <summary>The file the model was read from.</summary>
    public string Source { get; }

    public string ModelSha256 { get; }

    /// <summary>Length of an embedding.</summary>
    public int Dimension { get; }

    /// <summary>Word-piece ids of a text, [CLS] … [SEP], cut to <see cref="SentenceEncoderOptions.MaxTokens"/>.</summary>
    public IReadOnlyList<int> Tokenize(string text) =>
        _tokenizer.EncodeToIds(text, Options.MaxTokens, addSpecialTokens: true, out _, out _);

    public float[] Encode(string text) => Encode([text])[0];

    /// <summary>One unit-length embedding per text, in order; texts run in batches of <see cref="SentenceEncoderOptions.BatchSize"/>.</summary>
    public float[][] Encode(IReadOnlyList<string> texts)
    {
        var ids = TokenizeAll(texts, Options.MaxTokens);
        var result = new float[texts.Count][];
        var d = Dimension;
        ForEachBatch(ids, (start, count, states, length) =>
        {
            for (var b = 0; b < count; b++)
            {
                var v = new float[d];
                for (var t = 0; t < ids[start + b].Count; t++)
                {
                    var row = (b * length + t) * d;
                    for (var j = 0; j < d; j++) v[j] += states[row + j];
                }
                Normalise(v);
                result[start + b] = v;
            }
        });
        return result;
    }

    /// <summary>
    /// The frozen per-token states of each text, for an editor that cross-attends to them: [B, L, H] row-major
    /// and a [B, L] mask that is true on real tokens; padded positions hold zeros. L is
    /// <paramref name="padTo"/> when given (callers that want one fixed shape), else the longest text's
    /// word-piece count; texts are cut to <paramref name="maxTokens"/>, [CLS] and [SEP] included.
    /// </summary>
    public (float[] States, bool[] Mask, int Length) EncodeTokens(IReadOnlyList<string> texts, int maxTokens, int? padTo = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTokens, SentenceEncoderOptions.MinMaxTokens);
        if (padTo < maxTokens) throw new ArgumentOutOfRangeException(nameof(padTo), padTo, $"must be at least maxTokens = {maxTokens}");
        var ids = TokenizeAll(texts, maxTokens);
        var length = padTo ?? (ids.Length == 0 ? 0 : ids.Max(t => t.Count));
        var d = Dimension;
        var states = new float[texts.Count * length * d];
        var mask = new bool[texts.Count * length];
        ForEachBatch(ids, (start, count, output, batchLength) =>
        {
            for (var b = 0; b < count; b++)
            {
                var row = start + b;
                var n = ids[row].Count;
                Array.Copy(output, b * batchLength * d, states, row * length * d, n * d);
                Array.Fill(mask, true, row * length, n);
            }
        });
        return (states, mask, length);
    }

    private IReadOnlyList<int>[] TokenizeAll(IReadOnlyList<string> texts, int maxTokens)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var ids = new IReadOnlyList<int>[texts.Count];
        for (var i = 0; i < texts.Count; i++)
            ids[i] = _tokenizer.EncodeToIds(texts[i] ?? throw new ArgumentNullException(nameof(texts), $"Text {i} is null."), maxTokens, addSpecialTokens: true, out _, out _);
        return ids;
    }

    /// <summary>
    /// Runs the model over batches of <see cref="SentenceEncoderOptions.BatchSize"/> texts and hands each batch's
    /// last_hidden_state [count, length, H] (length = that batch's longest text) to <paramref name="take"/>.
    /// </summary>
    private void ForEachBatch(IReadOnlyList<int>[] ids, Action<int, int, float[], int> take)
    {
        for (var start = 0; start < ids.Length; start += Options.BatchSize)
        {
            var count = Math.Min(Options.BatchSize, ids.Length - start);
            var length = 0;
            for (var b = 0; b < count; b++) length = Math.Max(length, ids[start + b].Count);

            // Shorter texts are padded with id 0 ([PAD]) and masked out, so a text's states do not
            // depend on what it was batched with (up to float rounding).
            var tokens = new long[count * length];
            var attention = new long[count * length];
            for (var b = 0; b < count; b++)
            {
                for (var t = 0; t < ids[start + b].Count; t++)
                {
                    tokens[b * length + t] = ids[start + b][t];
                    attention[b * length + t] = 1;
                }
            }
            var inputs = new List<OnnxInputTensor>
            {
                OnnxInputTensor.Int64(InputIds, tokens, count, length),
                OnnxInputTensor.Int64(AttentionMask, attention, count, length),
            };
            if (_takesTokenTypes) inputs.Add(OnnxInputTensor.Int64(TokenTypeIds, new long[count * length], count, length));
            take(start, count, _session.Run(inputs, [TokenStates])[0].Data, length);
        }
    }

    /// <summary>Scales to unit length (the mean's own scale cancels, so the sum is normalised directly).</summary>
    private static void Normalise(float[] v)
    {
        double sum = 0;
        foreach (var x in v) sum += x * x;
        if (sum == 0) return;
        var scale = (float)(1 / Math.Sqrt(sum));
        for (var j = 0; j < v.Length; j++) v[j] *= scale;
    }

    public void Dispose() => _session.Dispose();
}
