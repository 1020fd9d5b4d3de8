using EmuEdit.Inference;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace EmuEdit.Model.Onnx.Tests;

/// <summary>
/// encode -> decode through the ONNX graphs reconstructs images as well as TorchSharp does. With the random
/// tiny model the PSNR itself is low; with EMUEDIT_ONNX_CHECKPOINT pointing at the trained model the same
/// check applies to real reconstructions.
/// </summary>
[Collection(ExportedModelCollection.Name)]
public class RoundTripTests(ExportedModel model, ITestOutputHelper output)
{
    private const double PsnrToleranceDb = 0.1;

    [Fact]
    public void OnnxRoundTripPsnrMatchesTorchSharp()
    {
        const int count = 4;
        var size = model.Config.Autoencoder.ImageSize;
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var images = TestImages.Generate(count, size, size, seed: 5);
        var torchReconstruction = model.TorchAutoencoder.Decode(model.TorchAutoencoder.Encode(images)).clamp(-1, 1);

        var latents = model.Vae.Encode(new PlanarBatch(TestImages.Floats(images), count, 3, size, size));
        var onnxReconstruction = model.Vae.Decode(latents);

        for (var i = 0; i < count; i++)
        {
            var original = TestImages.Floats(images[i]);
            var torchPsnr = Differences.Psnr(original, TestImages.Floats(torchReconstruction[i]));
            var onnxPsnr = Differences.Psnr(original, onnxReconstruction.Item(i).ToArray());
            output.WriteLine($"image {i}: PSNR TorchSharp {torchPsnr:F4} dB, ONNX {onnxPsnr:F4} dB");
            Assert.True(Math.Abs(torchPsnr - onnxPsnr) <= PsnrToleranceDb,
                $"image {i}: ONNX round trip {onnxPsnr:F3} dB vs TorchSharp {torchPsnr:F3} dB");
        }
    }
}
