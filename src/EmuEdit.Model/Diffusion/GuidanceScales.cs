namespace EmuEdit.Model.Diffusion;

/// <summary>The dual classifier-free guidance scales gamma_I (image) and gamma_T (text).</summary>
public readonly record struct GuidanceScales(double Image, double Text)
{
    /// <summary>The configured defaults.</summary>
    public static GuidanceScales FromOptions(DiffusionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new GuidanceScales(options.ImageGuidanceScale, options.TextGuidanceScale);
    }
}
