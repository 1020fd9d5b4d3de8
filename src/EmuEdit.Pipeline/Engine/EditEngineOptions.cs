using EmuEdit.Model.Editing;

namespace EmuEdit.Pipeline.Engine;

/// <summary>Limits and defaults of the edit engine, bound from the "Pipeline" configuration section.</summary>
public sealed class EditEngineOptions
{
    public const string SectionName = "Pipeline";

    /// <summary>JPEG quality range (docs/api.md: jpeg_quality 1..100).</summary>
    public const int MinJpegQuality = 1;
    public const int MaxJpegQuality = 100;

    /// <summary>Most jobs advanced by one U-Net forward (each job is three rows of the batch).</summary>
    public int MaxBatchSize { get; set; } = 8;

    /// <summary>Upper bound on a request's denoising steps (docs/api.md: 1..200).</summary>
    public int MaxSteps { get; set; } = 200;

    /// <summary>Longest side of a progress preview, pixels: previews are for watching, not for keeping.</summary>
    public int PreviewSize { get; set; } = 32;

    /// <summary>JPEG quality when the request asks for JPEG and names none (docs/api.md: [90]).</summary>
    public int DefaultJpegQuality { get; set; } = 90;

    /// <summary>
    /// Edit thresholding (paper eq. 4, against the autoencoder's reconstruction of the input): where an
    /// edit changed less than alpha, the input's pixel is kept. A request's threshold overrides alpha.
    /// </summary>
    public SequentialEditThresholdOptions Threshold { get; set; } = new();

    /// <summary>
    /// Threshold every edit with <see cref="SequentialEditThresholdOptions.Alpha"/>, not only session turns
    /// (where the paper uses it). Off, a single edit that names no threshold of its own returns the decoder's
    /// drawing of the whole image, autoencoder error and sampling drift included.
    /// </summary>
    public bool ThresholdEdits { get; set; } = true;

    public void Validate()
    {
        if (MaxBatchSize < 1) throw new ArgumentOutOfRangeException(nameof(MaxBatchSize), MaxBatchSize, "must be at least 1");
        if (MaxSteps < 1) throw new ArgumentOutOfRangeException(nameof(MaxSteps), MaxSteps, "must be at least 1");
        if (PreviewSize < 1) throw new ArgumentOutOfRangeException(nameof(PreviewSize), PreviewSize, "must be at least 1");
        if (DefaultJpegQuality is < MinJpegQuality or > MaxJpegQuality)
            throw new ArgumentOutOfRangeException(nameof(DefaultJpegQuality), DefaultJpegQuality, $"must be {MinJpegQuality}..{MaxJpegQuality}");
        Threshold.Validate();
    }
}
