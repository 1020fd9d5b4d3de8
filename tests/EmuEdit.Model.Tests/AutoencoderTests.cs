using EmuEdit.Model.Networks;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace EmuEdit.Model.Tests;

public class AutoencoderTests
{
    [Fact]
    public void ImagesGoToLatentsAndBack()
    {
        TorchRuntime.Initialise();
        var config = TestModels.Micro();
        using var autoencoder = new Autoencoder(config.Autoencoder);
        using var scope = NewDisposeScope();
        var images = rand(2, 3, 64, 64) * 2 - 1;
        var latents = autoencoder.Encode(images);
        Assert.Equal([2, 16, 16, 16], latents.shape);
        Assert.Equal([2, 16, 16, 16], autoencoder.Encode(images, sample: true).shape);
        Assert.Equal([2, 3, 64, 64], autoencoder.Decode(latents).shape);
    }

    [Fact]
    public void LossIsFiniteAndTrainsEveryParameter()
    {
        TorchRuntime.Initialise();
        var config = TestModels.Micro();
        using var autoencoder = new Autoencoder(config.Autoencoder);
        using var scope = NewDisposeScope();
        var loss = autoencoder.Loss(rand(2, 3, 64, 64) * 2 - 1, new Generator(3));
        Assert.Empty(loss.Total.shape);
        Assert.True(loss.Total.isfinite().item<bool>());
        Assert.True(loss.Kl.item<float>() >= 0);
        loss.Total.backward();
        Assert.All(autoencoder.parameters(), p => Assert.NotNull(p.grad));
    }

    [Fact]
    public void LatentScaleIsABufferThatScalesLatents()
    {
        TorchRuntime.Initialise();
        var config = TestModels.Micro();
        using var autoencoder = new Autoencoder(config.Autoencoder);
        using var scope = NewDisposeScope();
        Assert.Contains(autoencoder.named_buffers(), b => b.name == "latent_scale");
        var images = rand(1, 3, 64, 64) * 2 - 1;
        var before = autoencoder.Encode(images);
        var scale = autoencoder.CalibrateLatentScale(images);
        Assert.Equal((float)scale, autoencoder.LatentScale, 5);
        Assert.True(TestModels.MaxAbsDifference(before * scale, autoencoder.Encode(images)) < 1e-4);
        using (var std = autoencoder.Encode(images).std()) Assert.Equal(1.0, std.item<float>(), 3);
        Assert.Throws<ArgumentOutOfRangeException>(() => autoencoder.SetLatentScale(0));
    }

    [Fact]
    public void AGrownDecoderStartsAsItsSourceAndOnlyAddsBlocks()
    {
        TorchRuntime.Initialise();
        var options = TestModels.Micro().Autoencoder;
        manual_seed(5);
        using var source = new Autoencoder(options);
        source.SetLatentScale(0.7);
        using var grown = new Autoencoder(options with { DecoderResBlocksPerLevel = options.ResBlocksPerLevel + 2 });
        Assert.True(TestModels.ParameterCount(grown) > TestModels.ParameterCount(source));
        using var scope = NewDisposeScope();
        var images = rand(2, 3, 64, 64) * 2 - 1;
        var latents = randn(2, 16, 16, 16);
        // Random weights differ before the growth and give different images.
        Assert.True(TestModels.MaxAbsDifference(source.Decode(latents), grown.Decode(latents)) > 1e-2);

        grown.LoadGrownFrom(source);

        Assert.True(grown.HasSameLatentSpace(source));
        Assert.Equal(source.LatentScale, grown.LatentScale);
        Assert.Equal(0f, TestModels.MaxAbsDifference(source.Encode(images), grown.Encode(images)));
        Assert.True(TestModels.MaxAbsDifference(source.Decode(latents), grown.Decode(latents)) < 1e-5);
        // The added blocks hold weights of their own to learn: only their last conv starts at zero.
        var added = grown.named_parameters().Where(p => p.name.StartsWith("decoder.blocks.", StringComparison.Ordinal)).ToList();
        Assert.Contains(added, p => p.name.EndsWith("conv2.weight", StringComparison.Ordinal) && p.parameter.abs().sum().item<float>() == 0);
        Assert.Contains(added, p => p.name.EndsWith("conv1.weight", StringComparison.Ordinal) && p.parameter.abs().sum().item<float>() > 0);
    }

    [Fact]
    public void ADecoderDoesNotShrinkOrChangeItsEncoder()
    {
        TorchRuntime.Initialise();
        var options = TestModels.Micro().Autoencoder;
        using var deep = new Autoencoder(options with { DecoderResBlocksPerLevel = 2 });
        using var shallow = new Autoencoder(options);
        using var otherEncoder = new Autoencoder(options with { LatentChannels = 8, DecoderResBlocksPerLevel = 2 });
        Assert.Throws<ArgumentException>(() => shallow.LoadGrownFrom(deep));
        Assert.Throws<ArgumentException>(() => deep.LoadGrownFrom(otherEncoder));
    }

    [Fact]
    public void EveryGroupNormStartsAsIdentityAffine()
    {
        using var model = TestModels.MicroModel();
        var norms = model.modules().OfType<GroupNorm>().ToArray();
        Assert.NotEmpty(norms);
        foreach (var norm in norms)
        {
            Assert.True(norm.weight.eq(1).all().item<bool>());
            Assert.True(norm.bias!.eq(0).all().item<bool>());
        }
    }
}
