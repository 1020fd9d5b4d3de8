using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace EmuEdit.Evaluation.Onnx;

/// <summary>
/// An image encoder a user exported to ONNX (a CLIP image tower, DINO). Input contract: one float32
/// input [1, 3, S, S] (planar RGB, normalised as <see cref="OnnxImageEmbedderOptions"/> says; S is read
/// from the graph, or <see cref="OnnxImageEmbedderOptions.ImageSize"/> when symbolic). Output: the
/// embedding as [1, D], [1, D, 1, 1], or token states [1, T, D] of which the first (CLS) row is taken.
/// </summary>
public sealed class OnnxImageEmbedder : IImageEmbedder, IDisposable
{
    private readonly InferenceSession _session;
    private readonly OnnxImageEmbedderOptions _options;
    private readonly string _input;
    private readonly string _output;
    private readonly int _side;
    private readonly string _path;

    public OnnxImageEmbedder(string path, OnnxImageEmbedderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (!File.Exists(path)) throw new FileNotFoundException($"Image encoder {path} not found.", path);
        _options = options;
        _session = new InferenceSession(path);
        try
        {
            if (_session.InputMetadata.Count != 1)
                throw new InvalidDataException($"{path}: an image encoder takes exactly one input, this graph has {_session.InputMetadata.Count}.");
            var (name, meta) = _session.InputMetadata.Single();
            var dims = meta.Dimensions;
            if (meta.ElementType != typeof(float) || dims.Length != 4 || (dims[1] > 0 && dims[1] != PlanarImage.Channels))
                throw new InvalidDataException($"{path}: input '{name}' must be float32 [1,3,S,S], found {meta.ElementType.Name} [{string.Join(",", dims)}].");
            if (dims[2] > 0 && dims[3] > 0 && dims[2] != dims[3])
                throw new InvalidDataException($"{path}: input '{name}' must be square, found {dims[2]}x{dims[3]}.");
            _input = name;
            _side = dims[2] > 0 ? dims[2] : options.ImageSize;
            _output = options.OutputName ?? _session.OutputMetadata.Keys.First();
            if (!_session.OutputMetadata.ContainsKey(_output))
                throw new InvalidDataException($"{path}: no output '{_output}' (outputs: {string.Join(", ", _session.OutputMetadata.Keys)}).");
            _path = path;
        }
        catch
        {
            _session.Dispose();
            throw;
        }
    }

    public string Name => _options.Name;

    /// <summary>The side images are resized to.</summary>
    public int Side => _side;

    public float[] Embed(PlanarImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var pixels = BilinearResize.Resize(image, _side, _side);
        var plane = _side * _side;
        for (var c = 0; c < PlanarImage.Channels; c++)
        {
            float mean = _options.Mean[c], std = _options.Std[c];
            for (var i = c * plane; i < (c + 1) * plane; i++) pixels[i] = (Math.Clamp(pixels[i], 0f, 1f) - mean) / std;
        }
        var input = new DenseTensor<float>(pixels, [1, PlanarImage.Channels, _side, _side]);
        using var results = _session.Run([NamedOnnxValue.CreateFromTensor(_input, input)], [_output]);
        return EmbeddingOutput.Read(results.First().AsTensor<float>(), _path, _ => 0);
    }

    public void Dispose() => _session.Dispose();
}
