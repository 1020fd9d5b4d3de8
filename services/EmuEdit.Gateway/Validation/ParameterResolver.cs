using System.Security.Cryptography;
using EmuEdit.Contracts.V1;
using EmuEdit.Gateway.Hosting;

namespace EmuEdit.Gateway.Validation;

/// <summary>
/// Checks the sampler settings and fills in every default (steps, seed, guidance scales, threshold,
/// output format), so the job a worker receives — and any retry of it — computes the same image.
/// The task name is checked separately (<see cref="Tasks.TaskCatalog"/>), since that needs the registry.
/// </summary>
public sealed class ParameterResolver(GatewayOptions options, SamplingDefaults defaults)
{
    private const int MinJpegQuality = 1;
    private const int MaxJpegQuality = 100;

    public EditParameters Resolve(EditParameters? given)
    {
        given ??= new EditParameters();
        var resolved = new EditParameters();

        resolved.Steps = given.HasSteps ? CheckRange(given.Steps, 1, options.MaxSteps, "parameters.steps") : defaults.Steps;
        resolved.Seed = given.HasSeed ? given.Seed : RandomSeed();
        resolved.ImageGuidanceScale = given.HasImageGuidanceScale
            ? CheckRange(given.ImageGuidanceScale, 0, options.MaxImageGuidanceScale, "parameters.image_guidance_scale")
            : defaults.ImageGuidanceScale;
        resolved.TextGuidanceScale = given.HasTextGuidanceScale
            ? CheckRange(given.TextGuidanceScale, 0, options.MaxTextGuidanceScale, "parameters.text_guidance_scale")
            : defaults.TextGuidanceScale;

        resolved.OutputFormat = given.OutputFormat switch
        {
            ImageFormat.Unspecified or ImageFormat.Png => ImageFormat.Png,
            ImageFormat.Jpeg => ImageFormat.Jpeg,
            _ => throw RequestErrors.InvalidArgument($"parameters.output_format {(int)given.OutputFormat} is not an ImageFormat (PNG or JPEG)."),
        };
        int? quality = given.HasJpegQuality ? CheckRange(given.JpegQuality, MinJpegQuality, MaxJpegQuality, "parameters.jpeg_quality") : null;
        if (resolved.OutputFormat == ImageFormat.Jpeg)
        {
            resolved.JpegQuality = quality ?? options.DefaultJpegQuality;
        }

        if (given.HasPreviewEvery)
        {
            resolved.PreviewEvery = CheckRange(given.PreviewEvery, 1, resolved.Steps, "parameters.preview_every (at most steps)");
        }
        resolved.Threshold = given.HasThreshold ? CheckRange(given.Threshold, 0, 1, "parameters.threshold") : options.DefaultEditThreshold;
        if (given.HasTask)
        {
            if (string.IsNullOrWhiteSpace(given.Task)) throw RequestErrors.InvalidArgument("parameters.task is set but empty; leave it unset to let the task predictor choose.");
            resolved.Task = given.Task.Trim();
        }
        return resolved;
    }

    /// <summary>
    /// Sequential edit thresholding alpha for a session turn, in pixel units [0, 1]: the turn's own, else
    /// its parameters' (<paramref name="given"/>), else the session default.
    /// </summary>
    public float ResolveThreshold(bool hasThreshold, float threshold, EditParameters? given = null) =>
        hasThreshold ? CheckRange(threshold, 0, 1, "threshold")
        : given is { HasThreshold: true } ? CheckRange(given.Threshold, 0, 1, "parameters.threshold")
        : options.DefaultSessionThreshold;

    private static int CheckRange(int value, int min, int max, string field)
    {
        if (value < min || value > max) throw RequestErrors.InvalidArgument($"{field} is {value}; it must be within {min}..{max}.");
        return value;
    }

    private static float CheckRange(float value, float min, float max, string field)
    {
        // Written so NaN fails too.
        if (!(value >= min && value <= max)) throw RequestErrors.InvalidArgument($"{field} is {value}; it must be within {min}..{max}.");
        return value;
    }

    private static ulong RandomSeed() => BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(sizeof(ulong)));
}
