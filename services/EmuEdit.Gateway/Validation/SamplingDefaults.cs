using EmuEdit.Gateway.Hosting;

namespace EmuEdit.Gateway.Validation;

/// <summary>
/// The steps and guidance scales an edit gets when its request leaves them unset: the gateway's
/// <c>Default*</c> option where one is set, else the served model's own (its config.json), so a model tuned
/// to other scales is served with them without a configuration change.
/// </summary>
public sealed record SamplingDefaults(int Steps, float ImageGuidanceScale, float TextGuidanceScale)
{
    /// <summary>Combines both sources and checks the result against the ranges a request may ask for.</summary>
    /// <param name="model">Reads the model's settings; not called when every option is set.</param>
    /// <param name="modelSource">Where the model's settings come from, for the error message.</param>
    /// <exception cref="GatewayConfigurationException">A default falls outside what a request may ask for.</exception>
    public static SamplingDefaults Resolve(GatewayOptions options, Func<SamplingDefaults> model, string modelSource)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(model);
        var own = options is { DefaultSteps: not null, DefaultImageGuidanceScale: not null, DefaultTextGuidanceScale: not null } ? null : model();
        var defaults = new SamplingDefaults(
            options.DefaultSteps ?? own!.Steps,
            options.DefaultImageGuidanceScale ?? own!.ImageGuidanceScale,
            options.DefaultTextGuidanceScale ?? own!.TextGuidanceScale);
        Check(defaults.Steps, 1, options.MaxSteps, nameof(GatewayOptions.DefaultSteps), options.DefaultSteps is null, modelSource);
        Check(defaults.ImageGuidanceScale, 0, options.MaxImageGuidanceScale, nameof(GatewayOptions.DefaultImageGuidanceScale), options.DefaultImageGuidanceScale is null, modelSource);
        Check(defaults.TextGuidanceScale, 0, options.MaxTextGuidanceScale, nameof(GatewayOptions.DefaultTextGuidanceScale), options.DefaultTextGuidanceScale is null, modelSource);
        return defaults;
    }

    private static void Check(double value, double min, double max, string option, bool fromModel, string modelSource)
    {
        if (value >= min && value <= max) return;
        var source = fromModel ? $"The model's value in {modelSource} (set Gateway:{option} to override it)" : $"Gateway:{option}";
        throw new GatewayConfigurationException($"{source} is {value}, outside the range a request may ask for, [{min}, {max}].");
    }
}
