using EmuEdit.Model.Configuration;
using EmuEdit.Model.Diffusion;

namespace EmuEdit.Model.Tests;

public class DiffusionSectionTests
{
    [Fact]
    public void PresetsCarryDefaultDiffusionOptions()
    {
        var config = ModelConfig.LoadPreset("tiny");
        Assert.Equal(1000, config.Diffusion.TrainTimesteps);
        Assert.Equal(1.5, config.Diffusion.ImageGuidanceScale);
    }

    [Fact]
    public void TheDiffusionSectionRoundTripsAndIsValidated()
    {
        var config = ModelConfig.LoadPreset("tiny");
        var json = config.ToJson().Replace("\"textGuidanceScale\": 5", "\"textGuidanceScale\": 7.5");
        Assert.Equal(7.5, ModelConfig.Parse(json).Diffusion.TextGuidanceScale);

        var bad = config.ToJson().Replace("\"trainTimesteps\": 1000", "\"trainTimesteps\": 1");
        var e = Assert.Throws<ModelConfigException>(() => ModelConfig.Parse(bad));
        Assert.Contains("TrainTimesteps", e.Message);
    }

    [Theory]
    [InlineData(nameof(DiffusionOptions.ImageGuidanceScale), -0.5)]
    [InlineData(nameof(DiffusionOptions.TextGuidanceScale), double.NaN)]
    [InlineData(nameof(DiffusionOptions.TextGuidanceScale), double.PositiveInfinity)]
    public void GuidanceScalesMustBeFiniteAndNonNegative(string name, double value)
    {
        var options = new DiffusionOptions();
        typeof(DiffusionOptions).GetProperty(name)!.SetValue(options, value);
        var e = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);
        Assert.Equal(name, e.ParamName);
        new DiffusionOptions { ImageGuidanceScale = 0, TextGuidanceScale = 0 }.Validate(); // 0 is allowed, as the gateway allows it
    }
}
