using EmuEdit.Tokenization;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace EmuEdit.Evaluation.Onnx;

/// <summary>
/// A text encoder a user exported to ONNX (a CLIP text tower). Input contract: token ids [1, L]
/// (int64 or int32: start token, content ids, end token, padding; L from the graph or
/// <see cref="OnnxTextEmbedderOptions.ContextLength"/>; longer captions are cut and keep their end token)
/// and optionally a second input, the attention mask [1, L] (1 up to and including the end token).
/// Output: [1, D], or token states [1, L, D] of which the end token's row is taken (CLIP's pooling).
/// </summary>
public sealed class OnnxTextEmbedder : ITextEmbedder, IDisposable
{
    private readonly InferenceSession _session;
    private readonly ClipInstructionTokenizer _tokens;
    private readonly OnnxTextEmbedderOptions _options;
    private readonly string _ids;
    private readonly string? _mask;
    private readonly string _output;
    private readonly int _length;
    private readonly string _path;

    public OnnxTextEmbedder(string path, ITextTokenizer tokenizer, OnnxTextEmbedderOptions options)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (!File.Exists(path)) throw new FileNotFoundException($"Text encoder {path} not found.", path);
        _options = options;
        _path = path;
        _session = new InferenceSession(path);
        try
        {
            var inputs = _session.InputMetadata.ToList();
            if (inputs.Count is < 1 or > 2)
                throw new InvalidDataException($"{path}: a text encoder takes token ids and optionally a mask; this graph has {inputs.Count} inputs.");
            foreach (var (name, meta) in inputs)
            {
                if (meta.ElementType != typeof(long) && meta.ElementType != typeof(int) || meta.Dimensions.Length != 2)
                    throw new InvalidDataException($"{path}: input '{name}' must be int64 or int32 [1,L], found {meta.ElementType.Name} [{string.Join(",", meta.Dimensions)}].");
            }
            _ids = inputs[0].Key;
            _mask = inputs.Count == 2 ? inputs[1].Key : null;
            var l = inputs[0].Value.Dimensions[1];
            _length = l > 0 ? l : options.ContextLength;
            if (_length < 2) throw new InvalidDataException($"{path}: sequence length {_length} leaves no room for start and end tokens.");
            _tokens = new ClipInstructionTokenizer(tokenizer, _length, options.PadToken ?? 0);
            _output = options.OutputName ?? _session.OutputMetadata.Keys.First();
            if (!_session.OutputMetadata.ContainsKey(_output))
                throw new InvalidDataException($"{path}: no output '{_output}' (outputs: {string.Join(", ", _session.OutputMetadata.Keys)}).");
        }
        catch
        {
            _session.Dispose();
            throw;
        }
    }

    public string Name => _options.Name;

    /// <summary>Tokens per caption.</summary>
    public int ContextLength => _length;

    /// <summary>The ids and mask one caption becomes, and where its end token sits.</summary>
    public (long[] Ids, long[] Mask, int EndPosition) Tokens(string text)
    {
        var encoded = _tokens.Encode(text);
        return (encoded.Ids, Array.ConvertAll(encoded.Mask, real => real ? 1L : 0L), Array.LastIndexOf(encoded.Mask, true));
    }

    public float[] Embed(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (ids, mask, end) = Tokens(text);
        var inputs = new List<NamedOnnxValue> { Value(_ids, ids) };
        if (_mask is not null) inputs.Add(Value(_mask, mask));
        using var results = _session.Run(inputs, [_output]);
        return EmbeddingOutput.Read(results.First().AsTensor<float>(), _path, _ => end);
    }

    private NamedOnnxValue Value(string name, long[] values)
    {
        int[] shape = [1, values.Length];
        return _session.InputMetadata[name].ElementType == typeof(int)
            ? NamedOnnxValue.CreateFromTensor(name, new DenseTensor<int>(values.Select(v => (int)v).ToArray(), shape))
            : NamedOnnxValue.CreateFromTensor(name, new DenseTensor<long>(values, shape));
    }

    public void Dispose() => _session.Dispose();
}
