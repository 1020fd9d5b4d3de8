namespace EmuEdit.Gateway.Hosting;

/// <summary>
/// What the gateway accepts and the defaults it resolves into every job; bound from section
/// <see cref="SectionName"/>. docs/api.md lists the same numbers for clients.
/// </summary>
public sealed class GatewayOptions
{
    public const string SectionName = "Gateway";

    /// <summary>Largest gRPC message the server reads; bigger ones are refused with RESOURCE_EXHAUSTED before they are buffered.</summary>
    public int MaxReceiveMessageBytes { get; set; } = 12 * 1024 * 1024;

    /// <summary>Largest encoded input image.</summary>
    public int MaxImageBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>Longest side of an input image, in pixels.</summary>
    public int MaxImageSide { get; set; } = 1024;

    /// <summary>Most pixels (width × height) of an input image: what decoding would have to allocate.</summary>
    public long MaxImagePixels { get; set; } = 1024L * 1024;

    /// <summary>Longest instruction, in characters (UTF-16 code units, as the API counts them).</summary>
    public int MaxInstructionLength { get; set; } = 1000;

    public int MaxIdempotencyKeyLength { get; set; } = 128;

    /// <summary>Steps of an edit that names none; null: the served model's own (config.json, <c>diffusion.defaultInferenceSteps</c>).</summary>
    public int? DefaultSteps { get; set; }

    public int MaxSteps { get; set; } = 200;

    /// <summary>Image guidance of an edit that names none; null: the served model's own (<c>diffusion.imageGuidanceScale</c>).</summary>
    public float? DefaultImageGuidanceScale { get; set; }

    public float MaxImageGuidanceScale { get; set; } = 20f;

    /// <summary>Text guidance of an edit that names none; null: the served model's own (<c>diffusion.textGuidanceScale</c>).</summary>
    public float? DefaultTextGuidanceScale { get; set; }

    public float MaxTextGuidanceScale { get; set; } = 30f;

    public int DefaultJpegQuality { get; set; } = 90;

    /// <summary>Sequential edit thresholding alpha (paper eq. 4) for session turns that name none (neither theirs nor in their parameters).</summary>
    public float DefaultSessionThreshold { get; set; } = 0.05f;

    /// <summary>
    /// Edit thresholding alpha for single edits that do not name one (<c>parameters.threshold</c>; 0 = off,
    /// the decoder's drawing of the whole image). The engine's own default (<c>Pipeline:Threshold:Alpha</c>),
    /// chosen on a validation split (models/default/REPORT.md).
    /// </summary>
    public float DefaultEditThreshold { get; set; } = 0.05f;

    /// <summary>Smallest and largest side of a blank session canvas; sides must also be multiples of <see cref="BlankSideMultiple"/>.</summary>
    public int MinBlankSide { get; set; } = 8;

    public int MaxBlankSide { get; set; } = 1024;

    /// <summary>The model works on latents f times smaller; blank canvases stay divisible by the largest f we ship.</summary>
    public int BlankSideMultiple { get; set; } = 8;

    /// <summary>How long an untouched session is kept.</summary>
    public TimeSpan SessionTtl { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How often a streaming call re-reads the job while it waits: sends new queue positions and
    /// catches transitions whose pub/sub event it missed (events are best effort).
    /// </summary>
    public TimeSpan StatusPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Throws when a setting cannot work, so a misconfiguration fails at start.</summary>
    public void Validate()
    {
        Positive(MaxReceiveMessageBytes, nameof(MaxReceiveMessageBytes));
        Positive(MaxImageBytes, nameof(MaxImageBytes));
        Positive(MaxImageSide, nameof(MaxImageSide));
        Positive(MaxImagePixels, nameof(MaxImagePixels));
        Positive(MaxInstructionLength, nameof(MaxInstructionLength));
        Positive(MaxIdempotencyKeyLength, nameof(MaxIdempotencyKeyLength));
        Positive(MaxSteps, nameof(MaxSteps));
        Positive(BlankSideMultiple, nameof(BlankSideMultiple));
        if (MaxImageBytes >= MaxReceiveMessageBytes)
            throw new ArgumentException($"Gateway:MaxImageBytes ({MaxImageBytes}) must be below Gateway:MaxReceiveMessageBytes ({MaxReceiveMessageBytes}), or no maximal image fits in a request.");
        if (DefaultSteps is { } steps) InRange(steps, 1, MaxSteps, nameof(DefaultSteps));
        if (DefaultImageGuidanceScale is { } image) InRange(image, 0, MaxImageGuidanceScale, nameof(DefaultImageGuidanceScale));
        if (DefaultTextGuidanceScale is { } text) InRange(text, 0, MaxTextGuidanceScale, nameof(DefaultTextGuidanceScale));
        InRange(DefaultJpegQuality, 1, 100, nameof(DefaultJpegQuality));
        InRange(DefaultSessionThreshold, 0, 1, nameof(DefaultSessionThreshold));
        InRange(DefaultEditThreshold, 0, 1, nameof(DefaultEditThreshold));
        InRange(MinBlankSide, 1, MaxBlankSide, nameof(MinBlankSide));
        if (SessionTtl <= TimeSpan.Zero) throw new ArgumentException($"Gateway:SessionTtl must be positive, got {SessionTtl}.");
        if (StatusPollInterval <= TimeSpan.Zero) throw new ArgumentException($"Gateway:StatusPollInterval must be positive, got {StatusPollInterval}.");
    }

    private static void Positive(long value, string name)
    {
        if (value <= 0) throw new ArgumentException($"Gateway:{name} must be positive, got {value}.");
    }

    private static void InRange(double value, double min, double max, string name)
    {
        if (!(value >= min && value <= max)) throw new ArgumentException($"Gateway:{name} must be within [{min}, {max}], got {value}.");
    }
}
