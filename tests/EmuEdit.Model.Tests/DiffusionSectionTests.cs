using EmuEdit.Model.Configuration;

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
}
