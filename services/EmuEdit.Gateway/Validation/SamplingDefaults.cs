using EmuEdit.Gateway.Hosting;

namespace EmuEdit.Gateway.Validation;

/// <summary>
/// The steps and guidance scales an edit gets when its request leaves them unset: the gateway's
/// <c>Default*</c> option where one is set, else the served model's own (its config.json), so a model tuned
/// to other scales is served with them without a configuration change.
/// </summary>
public sealed record SamplingDefaults(int Steps, float ImageGuidanceScale, float TextGuidanceScale)
{
    /// <summary>Combines both sources and checks the result against the gateway's own ranges.</summary>
    /// <exception cref="GatewayConfigurationException">A default falls outside what a request may ask for.</exception>
    public static SamplingDefaults Resolve(GatewayOptions options, (int Steps, float ImageGuidanceScale, float TextGuidanceScale) model, string modelSource)
    {
        ArgumentNullException.ThrowIfNull(options);
        var defaults = new SamplingDefaults(
            options.DefaultSteps ?? model.Steps,
            options.DefaultImageGuidanceScale ?? model.ImageGuidanceScale,
            options.DefaultTextGuidanceScale ?? model.TextGuidanceScale);
        Check(defaults.Steps, 1, options.MaxSteps, nameof(GatewayOptions.DefaultSteps), options.DefaultSteps is null, modelSource);
        Check(defaults.ImageGuidanceScale, 0, options.MaxImageGuidanceScale, nameof(GatewayOptions.DefaultImageGuidanceScale), options.DefaultImageGuidanceScale is null, modelSource);
        Check(defaults.TextGuidanceScale, 0, options.MaxTextGuidanceScale, nameof(GatewayOptions.DefaultTextGuidanceScale), options.DefaultTextGuidanceScale is null, modelSource);
        return defaults;
    }

    /// <summary>Reads the model's settings from the folder <paramref name="folder"/> names.</summary>
    public static SamplingDefaults Resolve(GatewayOptions options, ModelFolderOptions folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        try
        {
            return Resolve(options, ModelSamplingFileReader.Load(folder.ConfigPath), folder.ConfigPath);
        }
        catch (InvalidDataException e)
        {
            throw new GatewayConfigurationException($"The model folder's config cannot give the sampler defaults (Model:Directory): {e.Message}");
        }
    }

    private static void Check(double value, double min, double max, string option, bool fromModel, string modelSource)
    {
        if (value >= min && value <= max) return;
        var source = fromModel ? $"the model's value in {modelSource} (set Gateway:{option} to override it)" : $"Gateway:{option}";
        throw new GatewayConfigurationException($"{source} is {value}, outside the range a request may ask for, [{min}, {max}].");
    }
}
