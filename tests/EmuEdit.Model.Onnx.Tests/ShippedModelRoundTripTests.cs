using EmuEdit.Data.Generation;
using EmuEdit.Data.Storage;
using EmuEdit.Data.Tasks;
using EmuEdit.Inference;
using EmuEdit.Model.Checkpoints;
using EmuEdit.Onnx.Runtime;
using EmuEdit.Testing;
using EmuEdit.Training.Data;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace EmuEdit.Model.Onnx.Tests;

/// <summary>
/// The shipped autoencoder (models/default) exported to ONNX reconstructs benchmark inputs, one per trained
/// task, with the same PSNR as TorchSharp (within 0.1 dB per image): the graphs the vae-decoder service can
/// serve are as good as the checkpoint, on the images the benchmark scores. The graphs go to a temp folder.
/// </summary>
public sealed class ShippedModelRoundTripTests(ITestOutputHelper output) : IDisposable
{
    private const double PsnrToleranceDb = 0.1;
    private readonly string _graphs = Path.Combine(Path.GetTempPath(), $"emuedit-shipped-onnx-{Guid.NewGuid():N}");

    [Fact]
    public void Onnx_round_trip_of_the_shipped_autoencoder_matches_TorchSharp_on_benchmark_images()
    {
        TorchRuntime.Initialise();
        var model = ShippedModel.Folder(ModelCheckpoint.AutoencoderWeights);
        var export = ModelOnnxExport.ExportAll(model, new ModelOnnxExportOptions { OutputFolder = _graphs });
        Assert.True(File.Exists(export.TextEncoderPath));
        var side = ModelCheckpoint.LoadConfig(model).Autoencoder.ImageSize;
        var generator = new ExampleGenerator(new GeneratorOptions().WithSize(side, side));
        var images = EditTasks.Trained.Select((task, i) => generator.Generate(task, BenchmarkSet.FirstSeed + i, Split.Benchmark).Input).ToList();
        var planar = ImageTensors.ToChwSigned(images);

        using var autoencoder = ModelCheckpoint.LoadAutoencoder(model);
        autoencoder.eval();
        using var catalog = new OnnxModelCatalog(new OnnxSessionOptions());
        var vae = OnnxVae.Open(catalog, _graphs);
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var batch = tensor(planar, [images.Count, 3, side, side]);
        var torchReconstruction = autoencoder.Decode(autoencoder.Encode(batch)).clamp(-1, 1);
        var onnxReconstruction = vae.Decode(vae.Encode(new PlanarBatch(planar, images.Count, 3, side, side)));

        double torchSum = 0, onnxSum = 0;
        for (var i = 0; i < images.Count; i++)
        {
            var original = planar.AsSpan(i * 3 * side * side, 3 * side * side).ToArray();
            var torchPsnr = Differences.Psnr(original, TestImages.Floats(torchReconstruction[i]));
            var onnxPsnr = Differences.Psnr(original, onnxReconstruction.Item(i).ToArray());
            output.WriteLine($"{EditTasks.Trained[i]}: PSNR TorchSharp {torchPsnr:F4} dB, ONNX {onnxPsnr:F4} dB");
            Assert.True(Math.Abs(torchPsnr - onnxPsnr) <= PsnrToleranceDb,
                $"{EditTasks.Trained[i]}: ONNX round trip {onnxPsnr:F3} dB vs TorchSharp {torchPsnr:F3} dB");
            torchSum += torchPsnr;
            onnxSum += onnxPsnr;
        }
        // A trained autoencoder, not a random one: the shipped model's report records ~27 dB on the benchmark.
        Assert.True(torchSum / images.Count > 20, $"mean TorchSharp PSNR {torchSum / images.Count:F2} dB: is models/default the trained model?");
        output.WriteLine($"mean: TorchSharp {torchSum / images.Count:F3} dB, ONNX {onnxSum / images.Count:F3} dB");
    }

    public void Dispose()
    {
        if (Directory.Exists(_graphs)) Directory.Delete(_graphs, recursive: true);
    }
}
