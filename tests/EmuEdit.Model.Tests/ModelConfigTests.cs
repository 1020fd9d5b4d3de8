using EmuEdit.Model.Configuration;
using EmuEdit.Model.Networks;
using Xunit.Abstractions;

namespace EmuEdit.Model.Tests;

public class ModelConfigTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("tiny")]
    [InlineData("large")]
    [InlineData("tiny-residual")]
    [InlineData("tiny-minilm")]
    public void PresetsLoadAndValidate(string name)
    {
        Assert.Contains(name, ModelConfig.PresetNames);
        var config = ModelConfig.LoadPreset(name);
        Assert.Equal(name, config.Name);
        Assert.Equal(BuiltInTasks.Count, config.Tasks.Count);
        Assert.Equal(0, config.Autoencoder.ImageSize % config.Autoencoder.DownFactor);
        config.Validate();
    }

    [Fact]
    public void TinyPresetHasTheCpuSizes()
    {
        var config = ModelConfig.LoadPreset("tiny");
        Assert.Equal(64, config.Autoencoder.ImageSize);
        Assert.Equal(16, config.Autoencoder.LatentChannels);
        Assert.Equal(16, config.Autoencoder.LatentSize);
    }

    [Fact]
    public void TinyUNetHasFourToEightMillionParameters()
    {
        TorchRuntime.Initialise();
        var config = ModelConfig.LoadPreset("tiny");
        using var unet = new UNet(config.UNet, config.Autoencoder.LatentChannels, config.TextEncoder.Width, config.Tasks.EmbeddingDim);
        using var autoencoder = new Autoencoder(config.Autoencoder);
        using var text = new TextEncoder(config.TextEncoder);
        var count = TestModels.ParameterCount(unet);
        output.WriteLine($"tiny: U-Net {count:N0}, autoencoder {TestModels.ParameterCount(autoencoder):N0}, text encoder {TestModels.ParameterCount(text):N0} parameters");
        Assert.InRange(count, 4_000_000, 8_000_000);
    }

    [Fact]
    public void SaveAndLoadRoundTrip()
    {
        var config = ModelConfig.LoadPreset("tiny");
        var path = Path.Combine(Path.GetTempPath(), $"emuedit-config-{Guid.NewGuid():N}.json");
        try
        {
            config.Save(path);
            var loaded = ModelConfig.Load(path);
            Assert.Equal(config.ToJson(), loaded.ToJson());
            Assert.Equal(config.UNet.ChannelMultipliers, loaded.UNet.ChannelMultipliers);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ADeeperDecoderIsWrittenOnlyWhenSetAndKeepsTheEncoder()
    {
        var config = ModelConfig.LoadPreset("tiny");
        Assert.DoesNotContain("decoderResBlocksPerLevel", config.ToJson());
        Assert.Equal(config.Autoencoder.ResBlocksPerLevel, config.Autoencoder.DecoderBlocksPerLevel);

        var grown = config with { Autoencoder = config.Autoencoder with { DecoderResBlocksPerLevel = 3 } };
        var json = grown.ToJson();
        Assert.Contains("\"decoderResBlocksPerLevel\": 3", json);
        var parsed = ModelConfig.Parse(json);
        Assert.Equal(3, parsed.Autoencoder.DecoderBlocksPerLevel);
        Assert.True(parsed.Autoencoder.HasSameEncoder(config.Autoencoder));
        Assert.False(parsed.Autoencoder.HasSameEncoder(config.Autoencoder with { LatentChannels = 8 }));
        Assert.False(parsed.Autoencoder.HasSameEncoder(config.Autoencoder with { Widths = [.. config.Autoencoder.Widths.Select(w => w * 2)] }));

        var e = Assert.Throws<ModelConfigException>(() => ModelConfig.Parse(json.Replace("\"decoderResBlocksPerLevel\": 3", "\"decoderResBlocksPerLevel\": 0")));
        Assert.Contains("autoencoder.decoderResBlocksPerLevel must be positive", e.Message);
    }

    [Fact]
    public void ImageSizeNotDivisibleByDownFactorIsRejected()
    {
        var json = TestModels.MicroJson.Replace("\"imageSize\": 64", "\"imageSize\": 62");
        var e = Assert.Throws<ModelConfigException>(() => ModelConfig.Parse(json));
        Assert.Contains("autoencoder.imageSize (62) must be divisible by autoencoder.downFactor (4)", e.Message);
    }

    [Fact]
    public void EveryProblemIsReportedTogether()
    {
        var json = TestModels.MicroJson
            .Replace("\"heads\": 2, \"taskTokens\"", "\"heads\": 3, \"taskTokens\"")
            .Replace("\"widths\": [8, 16, 16]", "\"widths\": [8, 16]");
        var e = Assert.Throws<ModelConfigException>(() => ModelConfig.Parse(json));
        Assert.Contains("unet.heads (3)", e.Message);
        Assert.Contains("autoencoder.widths has 2 levels", e.Message);
    }

    [Fact]
    public void UnknownAndMissingFieldsAreRejected()
    {
        var typo = TestModels.MicroJson.Replace("\"latentChannels\"", "\"latentChanels\"");
        var e = Assert.Throws<ModelConfigException>(() => ModelConfig.Parse(typo));
        Assert.Contains("latentChanels", e.Message);

        var missing = TestModels.MicroJson.Replace("\"latentChannels\": 16,", "");
        e = Assert.Throws<ModelConfigException>(() => ModelConfig.Parse(missing));
        Assert.Contains("latentChannels", e.Message);
    }

    [Fact]
    public void UnknownPresetNamesTheKnownOnes()
    {
        var e = Assert.Throws<ModelConfigException>(() => ModelConfig.LoadPreset("huge"));
        Assert.Contains("tiny", e.Message);
        Assert.Contains("large", e.Message);
    }
}
