using EmuEdit.Inference;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace EmuEdit.Model.Onnx.Tests;

[Collection(ExportedModelCollection.Name)]
public class VaeParityTests(ExportedModel model, ITestOutputHelper output)
{
    private const float Tolerance = 1e-4f;

    [Theory]
    [InlineData(1, 64, 64)]
    [InlineData(3, 64, 64)]
    [InlineData(3, 32, 48)]
    public void EncodeMatchesAutoencoderEncode(int batch, int height, int width)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var images = rand(batch, 3, height, width) * 2 - 1;
        var expected = model.TorchAutoencoder.Encode(images);

        var latents = model.Vae.Encode(new PlanarBatch(TestImages.Floats(images), batch, 3, height, width));

        Assert.Equal(expected.shape, latents.Shape);
        AssertClose("encode", TestImages.Floats(expected), latents.Data, batch);
    }

    [Theory]
    [InlineData(1, 16, 16)]
    [InlineData(3, 16, 16)]
    [InlineData(3, 8, 12)]
    public void DecodeMatchesClampedAutoencoderDecode(int batch, int height, int width)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        // Wide latents so the decoder overshoots [-1, 1] somewhere and the clamp is exercised.
        var latents = randn(batch, model.Config.Autoencoder.LatentChannels, height, width) * 3;
        var expected = model.TorchAutoencoder.Decode(latents).clamp(-1, 1);

        var images = model.Vae.Decode(new PlanarBatch(TestImages.Floats(latents), batch, (int)latents.shape[1], height, width));

        Assert.Equal(expected.shape, images.Shape);
        Assert.All(images.Data, v => Assert.InRange(v, -1f, 1f));
        AssertClose("decode", TestImages.Floats(expected), images.Data, batch);
    }

    private void AssertClose(string name, float[] expected, float[] actual, int batch)
    {
        var difference = Differences.MaxAbs(expected, actual);
        output.WriteLine($"VAE {name}, batch {batch}: max |TorchSharp - ONNX| = {difference:E2}");
        Assert.True(difference <= Tolerance, $"{name}: max abs difference {difference} exceeds {Tolerance}");
    }
}
