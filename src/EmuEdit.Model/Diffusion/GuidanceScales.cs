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

    /// <summary>
    /// Whether <paramref name="scale"/> can be a guidance scale: finite and non-negative (0 drops that
    /// condition, 1 is the plain conditional prediction, more extrapolates).
    /// </summary>
    public static bool IsValidScale(double scale) => scale >= 0 && !double.IsInfinity(scale);
}
