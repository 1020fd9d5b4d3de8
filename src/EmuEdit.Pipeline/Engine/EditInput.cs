using EmuEdit.Contracts.V1;

namespace EmuEdit.Pipeline.Engine;

/// <summary>
/// One edit request as the engine takes it: the image file, the instruction and the optional parameters
/// of <see cref="EditParameters"/> (unset = the checkpoint's defaults, a predicted task, a random seed).
/// </summary>
public sealed record EditInput(string Id, ReadOnlyMemory<byte> Image, string Instruction)
{
    /// <summary>A task name (built-in or registered); null lets the task predictor choose.</summary>
    public string? Task { get; init; }

    public int? Steps { get; init; }

    /// <summary>Noise seed; null draws one, reported in the output.</summary>
    public ulong? Seed { get; init; }

    /// <summary>gamma_I; null = the checkpoint's default.</summary>
    public double? ImageGuidanceScale { get; init; }

    /// <summary>gamma_T; null = the checkpoint's default.</summary>
    public double? TextGuidanceScale { get; init; }

    /// <summary>Decode a low-resolution preview every K steps; null = none.</summary>
    public int? PreviewEvery { get; init; }

    public ImageFormat OutputFormat { get; init; } = ImageFormat.Png;

    public int? JpegQuality { get; init; }

    /// <summary>
    /// A turn of a multi-turn session: the input image is the previous turn's result. Thresholded like
    /// every edit; the configured alpha applies to a turn even while <see cref="EditEngineOptions.ThresholdEdits"/> is off.
    /// </summary>
    public bool IsSessionTurn { get; init; }

    /// <summary>Alpha of edit thresholding (0 = off); null = the configured one.</summary>
    public double? Threshold { get; init; }

    /// <summary>The engine's input for a queued <see cref="EditJob"/> payload.</summary>
    public static EditInput FromJob(string jobId, EditJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var p = job.Parameters ?? new EditParameters();
        return new EditInput(jobId, job.ImagePng.Memory, job.Instruction)
        {
            Task = p.HasTask && !string.IsNullOrEmpty(p.Task) ? p.Task : null,
            Steps = p.HasSteps ? p.Steps : null,
            Seed = p.HasSeed ? p.Seed : null,
            ImageGuidanceScale = p.HasImageGuidanceScale ? p.ImageGuidanceScale : null,
            TextGuidanceScale = p.HasTextGuidanceScale ? p.TextGuidanceScale : null,
            PreviewEvery = p.HasPreviewEvery ? p.PreviewEvery : null,
            OutputFormat = p.OutputFormat,
            JpegQuality = p.HasJpegQuality ? p.JpegQuality : null,
            IsSessionTurn = !string.IsNullOrEmpty(job.SessionId),
            Threshold = job.HasThreshold ? job.Threshold : p.HasThreshold ? p.Threshold : null,
        };
    }
}
