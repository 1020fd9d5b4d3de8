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
        var defaults = ModelSamplingFileReader.Defaults(new GatewayOptions(), Model(Config));
        Assert.Equal(new SamplingDefaults(20, 1.5f, 3f), defaults);
    }

    [Fact]
    public void A_gateway_default_overrides_the_model_one_setting_at_a_time()
    {
        var defaults = ModelSamplingFileReader.Defaults(new GatewayOptions { DefaultTextGuidanceScale = 7.5f }, Model(Config));
        Assert.Equal(new SamplingDefaults(20, 1.5f, 7.5f), defaults);
    }

    [Fact]
    public void With_every_default_set_the_model_config_is_not_read()
    {
        var options = new GatewayOptions { DefaultSteps = 30, DefaultImageGuidanceScale = 1.2f, DefaultTextGuidanceScale = 4f };
        Assert.Equal(new SamplingDefaults(30, 1.2f, 4f), ModelSamplingFileReader.Defaults(options, Model("{ \"name\": \"hand-written\" }")));
        Assert.Equal(new SamplingDefaults(30, 1.2f, 4f), SamplingDefaults.Resolve(options, () => throw new InvalidOperationException("read"), "nowhere"));
    }

    [Theory]
    [InlineData("""{ "diffusion": { "defaultInferenceSteps": 20, "imageGuidanceScale": 25, "textGuidanceScale": 3 } }""", "Gateway:DefaultImageGuidanceScale")]
    [InlineData("""{ "diffusion": { "defaultInferenceSteps": 20, "imageGuidanceScale": 1.5, "textGuidanceScale": -1 } }""", "Gateway:DefaultTextGuidanceScale")]
    public void A_model_value_outside_the_request_ranges_stops_the_start_naming_the_override(string configJson, string option)
    {
        var error = Assert.Throws<GatewayConfigurationException>(() => ModelSamplingFileReader.Defaults(new GatewayOptions(), Model(configJson)));
        Assert.Contains(ModelFolderOptions.ConfigFile, error.Message);
        Assert.Contains($"set {option} to override it", error.Message);
    }

    [Fact]
    public void A_model_step_count_above_the_limit_can_be_overridden()
    {
        var error = Assert.Throws<GatewayConfigurationException>(() => ModelSamplingFileReader.Defaults(new GatewayOptions { MaxSteps = 10 }, Model(Config)));
        Assert.Contains("Gateway:DefaultSteps", error.Message);
        Assert.Equal(8, ModelSamplingFileReader.Defaults(new GatewayOptions { MaxSteps = 10, DefaultSteps = 8 }, Model(Config)).Steps);
    }

    [Fact]
    public void An_override_outside_the_ranges_is_blamed_on_the_option_not_the_model()
    {
        var error = Assert.Throws<GatewayConfigurationException>(() =>
            ModelSamplingFileReader.Defaults(new GatewayOptions { DefaultImageGuidanceScale = 21f }, Model(Config)));
        Assert.StartsWith("Gateway:DefaultImageGuidanceScale is 21", error.Message);
    }

    [Theory]
    [InlineData("{ \"name\": \"m\" }", "no diffusion section")]
    [InlineData("{ \"diffusion\": { \"defaultInferenceSteps\": 20, \"imageGuidanceScale\": 1.5 } }", "diffusion.textGuidanceScale is missing")]
    [InlineData("{ \"diffusion\": { \"defaultInferenceSteps\": 2.5, \"imageGuidanceScale\": 1.5, \"textGuidanceScale\": 3 } }", "diffusion.defaultInferenceSteps")]
    [InlineData("{ \"diffusion\": { \"defaultInferenceSteps\": 20, \"imageGuidanceScale\": \"high\", \"textGuidanceScale\": 3 } }", "diffusion.imageGuidanceScale")]
    [InlineData("{ not json", "cannot be read as JSON")]
    public void A_config_without_usable_settings_is_a_configuration_error(string configJson, string message)
    {
        var error = Assert.Throws<GatewayConfigurationException>(() => ModelSamplingFileReader.Defaults(new GatewayOptions(), Model(configJson)));
        Assert.Contains(message, error.Message);
    }
}
