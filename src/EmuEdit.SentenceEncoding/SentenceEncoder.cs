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
        ArgumentNullException.ThrowIfNull(texts);
        var result = new float[texts.Count][];
        for (var start = 0; start < texts.Count; start += Options.BatchSize)
        {
            var count = Math.Min(Options.BatchSize, texts.Count - start);
            EncodeBatch(texts, start, count, result);
        }
        return result;
    }

    private void EncodeBatch(IReadOnlyList<string> texts, int start, int count, float[][] result)
    {
        var ids = new IReadOnlyList<int>[count];
        for (var b = 0; b < count; b++) ids[b] = Tokenize(texts[start + b] ?? throw new ArgumentNullException(nameof(texts), $"Text {start + b} is null."));
        var length = ids.Max(t => t.Count);

        // Shorter texts are padded with id 0 ([PAD]) and masked out, so a text's embedding does not
        // depend on what it was batched with (up to float rounding).
        var tokens = new long[count * length];
        var mask = new long[count * length];
        for (var b = 0; b < count; b++)
        {
            for (var t = 0; t < ids[b].Count; t++)
            {
                tokens[b * length + t] = ids[b][t];
                mask[b * length + t] = 1;
            }
        }
        var inputs = new List<OnnxInputTensor>
        {
            OnnxInputTensor.Int64(InputIds, tokens, count, length),
            OnnxInputTensor.Int64(AttentionMask, mask, count, length),
        };
        if (_takesTokenTypes) inputs.Add(OnnxInputTensor.Int64(TokenTypeIds, new long[count * length], count, length));
        var states = _session.Run(inputs, [TokenStates])[0].Data;

        var d = Dimension;
        for (var b = 0; b < count; b++)
        {
            var v = new float[d];
            for (var t = 0; t < ids[b].Count; t++)
            {
                var row = (b * length + t) * d;
                for (var j = 0; j < d; j++) v[j] += states[row + j];
            }
            Normalise(v);
            result[start + b] = v;
        }
    }

    /// <summary>
    /// The frozen per-token states of each text, for an editor that cross-attends to them: [B, L, H] row-major
    /// with L the longest text's word-piece count (at most <paramref name="maxTokens"/>, [CLS] and [SEP]
    /// included), and a [B, L] mask that is true on real tokens; padded positions hold zeros.
    /// </summary>
    public (float[] States, bool[] Mask, int Length) EncodeTokens(IReadOnlyList<string> texts, int maxTokens)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTokens, 3);
        var ids = new IReadOnlyList<int>[texts.Count];
        for (var b = 0; b < texts.Count; b++)
            ids[b] = _tokenizer.EncodeToIds(texts[b] ?? throw new ArgumentNullException(nameof(texts), $"Text {b} is null."), maxTokens, addSpecialTokens: true, out _, out _);
        var length = ids.Length == 0 ? 0 : ids.Max(t => t.Count);
        var d = Dimension;
        var states = new float[texts.Count * length * d];
        var mask = new bool[texts.Count * length];
        for (var start = 0; start < texts.Count; start += Options.BatchSize)
        {
            var count = Math.Min(Options.BatchSize, texts.Count - start);
            var batchLength = 0;
            for (var b = 0; b < count; b++) batchLength = Math.Max(batchLength, ids[start + b].Count);
            var tokens = new long[count * batchLength];
            var attention = new long[count * batchLength];
            for (var b = 0; b < count; b++)
            {
                for (var t = 0; t < ids[start + b].Count; t++)
                {
                    tokens[b * batchLength + t] = ids[start + b][t];
                    attention[b * batchLength + t] = 1;
                }
            }
            var inputs = new List<OnnxInputTensor>
            {
                OnnxInputTensor.Int64(InputIds, tokens, count, batchLength),
                OnnxInputTensor.Int64(AttentionMask, attention, count, batchLength),
            };
            if (_takesTokenTypes) inputs.Add(OnnxInputTensor.Int64(TokenTypeIds, new long[count * batchLength], count, batchLength));
            var output = _session.Run(inputs, [TokenStates])[0].Data;
            for (var b = 0; b < count; b++)
            {
                var row = start + b;
                var n = ids[row].Count;
                Array.Copy(output, b * batchLength * d, states, row * length * d, n * d);
                for (var t = 0; t < n; t++) mask[row * length + t] = true;
            }
        }
        return (states, mask, length);
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
