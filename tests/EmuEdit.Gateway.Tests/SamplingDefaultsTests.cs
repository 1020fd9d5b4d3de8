using EmuEdit.Gateway.Hosting;
using EmuEdit.Gateway.Validation;

namespace EmuEdit.Gateway.Tests;

public sealed class SamplingDefaultsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("emuedit-sampling-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private ModelFolderOptions Model(string configJson)
    {
        File.WriteAllText(Path.Combine(_folder, ModelFolderOptions.ConfigFile), configJson);
        return new ModelFolderOptions { Directory = _folder };
    }

    private const string Config = """
        { "name": "m", "diffusion": { "trainTimesteps": 1000, "defaultInferenceSteps": 20, "imageGuidanceScale": 1.5, "textGuidanceScale": 3 } }
        """;

    [Fact]
    public void Unset_gateway_defaults_take_the_models_own()
    {
        var defaults = SamplingDefaults.Resolve(new GatewayOptions(), Model(Config));
        Assert.Equal(new SamplingDefaults(20, 1.5f, 3f), defaults);
    }

    [Fact]
    public void A_gateway_default_overrides_the_model_one_setting_at_a_time()
    {
        var defaults = SamplingDefaults.Resolve(new GatewayOptions { DefaultTextGuidanceScale = 7.5f }, Model(Config));
        Assert.Equal(new SamplingDefaults(20, 1.5f, 7.5f), defaults);
    }

    [Fact]
    public void A_model_value_outside_the_request_ranges_stops_the_start_naming_the_override()
    {
        var error = Assert.Throws<GatewayConfigurationException>(() => SamplingDefaults.Resolve(new GatewayOptions { MaxSteps = 10 }, Model(Config)));
        Assert.Contains(ModelFolderOptions.ConfigFile, error.Message);
        Assert.Contains("Gateway:DefaultSteps", error.Message);
        // Overriding it makes the same model usable.
        Assert.Equal(8, SamplingDefaults.Resolve(new GatewayOptions { MaxSteps = 10, DefaultSteps = 8 }, Model(Config)).Steps);
    }

    [Theory]
    [InlineData("{ \"name\": \"m\" }", "no diffusion section")]
    [InlineData("{ \"diffusion\": { \"defaultInferenceSteps\": 20, \"imageGuidanceScale\": 1.5 } }", "diffusion.textGuidanceScale is missing")]
    [InlineData("{ \"diffusion\": { \"defaultInferenceSteps\": 2.5, \"imageGuidanceScale\": 1.5, \"textGuidanceScale\": 3 } }", "diffusion.defaultInferenceSteps")]
    [InlineData("{ \"diffusion\": { \"defaultInferenceSteps\": 20, \"imageGuidanceScale\": \"high\", \"textGuidanceScale\": 3 } }", "diffusion.imageGuidanceScale")]
    [InlineData("{ not json", "not valid JSON")]
    public void A_config_without_usable_settings_is_a_configuration_error(string configJson, string message)
    {
        var error = Assert.Throws<GatewayConfigurationException>(() => SamplingDefaults.Resolve(new GatewayOptions(), Model(configJson)));
        Assert.Contains(message, error.Message);
    }
}
