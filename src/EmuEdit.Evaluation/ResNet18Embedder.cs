using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace EmuEdit.Evaluation;

/// <summary>
/// ImageNet ResNet-18 pooled features (512 values) from the two ONNX graphs of the
/// Microsoft.ML.DnnImageFeaturizer.ResNet18 package: a preprocessing graph (RGB in 0..255, planar,
/// to mean-subtracted BGR) and the network itself. Both take one 224x224 image, so smaller images
/// are resized bilinearly first. Thread-safe: ONNX Runtime sessions may run concurrently.
/// </summary>
public sealed class ResNet18Embedder : IImageEmbedder, IDisposable
{
    private const int Side = 224;
    private const float PixelScale = 255f;
    private const string PreprocessFile = "ResNetPreprocess.onnx";
    private const string NetworkFile = "ResNet18.onnx";

    private readonly InferenceSession _preprocess;
    private readonly InferenceSession _network;
    private readonly string _preprocessInput;
    private readonly string _networkInput;

    public ResNet18Embedder(string directory)
    {
        foreach (var f in new[] { PreprocessFile, NetworkFile })
        {
            if (!File.Exists(Path.Combine(directory, f)))
                throw new FileNotFoundException($"ResNet-18 encoder file {f} not found in {directory}.", Path.Combine(directory, f));
        }
        _preprocess = new InferenceSession(Path.Combine(directory, PreprocessFile));
        _network = new InferenceSession(Path.Combine(directory, NetworkFile));
        _preprocessInput = _preprocess.InputMetadata.Keys.Single();
        _networkInput = _network.InputMetadata.Keys.Single();
    }

    /// <summary>Where the build copies the encoder: encoders/resnet18 beside the running binaries.</summary>
    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "encoders", "resnet18");

    public string Name => "resnet18";

    public float[] Embed(PlanarImage image)
    {
        var pixels = BilinearResize.Resize(image, Side, Side);
        for (var i = 0; i < pixels.Length; i++) pixels[i] = Math.Clamp(pixels[i], 0f, 1f) * PixelScale;
        var shape = new[] { 1, PlanarImage.Channels, Side, Side };

        using var pre = _preprocess.Run([NamedOnnxValue.CreateFromTensor(_preprocessInput, new DenseTensor<float>(pixels, shape))]);
        var prepared = pre.First().AsTensor<float>();
        using var features = _network.Run([NamedOnnxValue.CreateFromTensor(_networkInput, prepared)]);
        return features.First().AsEnumerable<float>().ToArray();
    }

    public void Dispose()
    {
        _preprocess.Dispose();
        _network.Dispose();
    }
}
