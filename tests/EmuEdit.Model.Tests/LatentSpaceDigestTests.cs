using EmuEdit.Model.Checkpoints;
using EmuEdit.Model.Networks;
using static TorchSharp.torch;

namespace EmuEdit.Model.Tests;

public sealed class LatentSpaceDigestTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public LatentSpaceDigestTests() => TorchRuntime.Initialise();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void CopiesAndDecoderFineTunesKeepTheDigestAndAnotherEncoderChangesIt()
    {
        var options = TestModels.Micro().Autoencoder;
        manual_seed(21);
        using var source = new Autoencoder(options);
        source.SetLatentScale(0.8);
        var fp32 = Saved(source, "fp32", WeightStorage.Float32);
        var digest = LatentSpaceDigest.OfFile(fp32);
        Assert.Matches("^[0-9a-f]{32}$", digest);

        // The shipped form: fp16 weights of the same autoencoder.
        Assert.Equal(digest, LatentSpaceDigest.OfFile(Saved(source, "fp16", WeightStorage.Float16)));
        // A grown (and so also a retrained) decoder does not move the latents.
        using var grown = new Autoencoder(options with { DecoderResBlocksPerLevel = 2 });
        grown.LoadGrownFrom(source);
        using (no_grad()) grown.named_parameters().First(p => p.name.StartsWith("decoder.", StringComparison.Ordinal)).parameter.add_(1);
        Assert.Equal(digest, LatentSpaceDigest.OfFile(Saved(grown, "grown", WeightStorage.Float32)));

        // One encoder weight, or the latent scale, is another latent space.
        using (no_grad()) source.named_parameters().First(p => p.name.StartsWith("encoder.", StringComparison.Ordinal)).parameter.mul_(1.01);
        Assert.NotEqual(digest, LatentSpaceDigest.OfFile(Saved(source, "encoder", WeightStorage.Float32)));
        manual_seed(21);
        using var rebuilt = new Autoencoder(options); // the source's weights before the change above
        rebuilt.SetLatentScale(0.8);
        Assert.Equal(digest, LatentSpaceDigest.OfFile(Saved(rebuilt, "rebuilt", WeightStorage.Float32)));
        rebuilt.SetLatentScale(0.5);
        Assert.NotEqual(digest, LatentSpaceDigest.OfFile(Saved(rebuilt, "scale", WeightStorage.Float32)));
    }

    [Fact]
    public void AFolderWithoutAutoencoderHasNoDigestAndOtherFilesAreRefused()
    {
        Assert.Null(LatentSpaceDigest.TryOf(_folder.Path));
        var junk = System.IO.Path.Combine(_folder.Path, "junk.safetensors");
        File.WriteAllBytes(junk, [1, 2, 3, 4, 5, 6, 7, 8, 9]);
        Assert.Throws<InvalidDataException>(() => LatentSpaceDigest.OfFile(junk));
        File.WriteAllBytes(junk, [1, 2, 3]);
        Assert.Throws<InvalidDataException>(() => LatentSpaceDigest.OfFile(junk));
        File.WriteAllBytes(junk, [.. BitConverter.GetBytes(4L), .. "{x: "u8.ToArray()]);
        Assert.Throws<InvalidDataException>(() => LatentSpaceDigest.OfFile(junk));
        using var unet = nn.Linear(2, 2);
        var notAnAutoencoder = System.IO.Path.Combine(_folder.Path, "linear.safetensors");
        SafetensorsWeights.Save(unet, notAnAutoencoder);
        Assert.Throws<InvalidDataException>(() => LatentSpaceDigest.OfFile(notAnAutoencoder));
    }

    private string Saved(Autoencoder autoencoder, string name, WeightStorage storage)
    {
        var path = System.IO.Path.Combine(_folder.Path, name + ".safetensors");
        SafetensorsWeights.Save(autoencoder, path, storage);
        return path;
    }
}
