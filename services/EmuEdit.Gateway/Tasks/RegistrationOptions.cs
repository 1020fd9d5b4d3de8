using EmuEdit.Gateway.Hosting;

namespace EmuEdit.Gateway.Tasks;

/// <summary>
/// Limits and defaults of RegisterTask, section <see cref="SectionName"/>; docs/api.md lists the same numbers.
/// The defaults of steps, learning rate and batch size are the model library's (TaskInversionOptions).
/// </summary>
public sealed class RegistrationOptions
{
    public const string SectionName = "Registration";

    /// <summary>Largest RegisterTask message; bigger ones are refused with RESOURCE_EXHAUSTED before they are buffered.</summary>
    public int MaxReceiveMessageBytes { get; set; } = 32 * 1024 * 1024;

    /// <summary>Largest registration job after the images are re-encoded: what the queue server stores.</summary>
    public int MaxJobBytes { get; set; } = 16 * 1024 * 1024;

    public int MaxExamples { get; set; } = 100;

    public int MaxHeldOutExamples { get; set; } = 100;

    /// <summary>Largest encoded example image.</summary>
    public int MaxImageBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Longest side of an example image; the model resizes every image to its own size anyway.</summary>
    public int MaxImageSide { get; set; } = 512;

    public long MaxImagePixels { get; set; } = 512L * 512;

    public int MaxNameLength { get; set; } = 64;

    public int MaxDescriptionLength { get; set; } = 1000;

    public int DefaultSteps { get; set; } = 300;

    public int MaxSteps { get; set; } = 5000;

    public double DefaultLearningRate { get; set; } = 5e-3;

    public double MaxLearningRate { get; set; } = 1.0;

    public int DefaultBatchSize { get; set; } = 4;

    public int MaxBatchSize { get; set; } = 64;

    /// <summary>Most sampler steps of a held-out edit.</summary>
    public int MaxValidationSteps { get; set; } = 200;

    /// <summary>
    /// A claim on a name whose registration job cannot be found is taken over after this long: the gateway
    /// that claimed it died before queueing the job. (A claim whose job has finished is taken over at once.)
    /// </summary>
    public TimeSpan ClaimGrace { get; set; } = TimeSpan.FromMinutes(1);

    public void Validate()
    {
        Positive(MaxReceiveMessageBytes, nameof(MaxReceiveMessageBytes));
        Positive(MaxJobBytes, nameof(MaxJobBytes));
        Positive(MaxExamples, nameof(MaxExamples));
        if (MaxHeldOutExamples < 0) throw new GatewayConfigurationException($"{SectionName}:{nameof(MaxHeldOutExamples)} must not be negative, got {MaxHeldOutExamples}.");
        Positive(MaxImageBytes, nameof(MaxImageBytes));
        Positive(MaxImageSide, nameof(MaxImageSide));
        Positive(MaxImagePixels, nameof(MaxImagePixels));
        Positive(MaxNameLength, nameof(MaxNameLength));
        Positive(MaxSteps, nameof(MaxSteps));
        Positive(MaxBatchSize, nameof(MaxBatchSize));
        Positive(MaxValidationSteps, nameof(MaxValidationSteps));
        if (DefaultSteps < 1 || DefaultSteps > MaxSteps) throw new GatewayConfigurationException($"{SectionName}:{nameof(DefaultSteps)} must be within [1, {MaxSteps}], got {DefaultSteps}.");
        if (DefaultBatchSize < 1 || DefaultBatchSize > MaxBatchSize) throw new GatewayConfigurationException($"{SectionName}:{nameof(DefaultBatchSize)} must be within [1, {MaxBatchSize}], got {DefaultBatchSize}.");
        if (!(MaxLearningRate > 0) || !(DefaultLearningRate > 0 && DefaultLearningRate <= MaxLearningRate))
            throw new GatewayConfigurationException($"{SectionName}:{nameof(DefaultLearningRate)} must be within (0, {nameof(MaxLearningRate)} = {MaxLearningRate}], got {DefaultLearningRate}.");
        if (ClaimGrace <= TimeSpan.Zero) throw new GatewayConfigurationException($"{SectionName}:{nameof(ClaimGrace)} must be positive, got {ClaimGrace}.");
    }

    private static void Positive(long value, string name)
    {
        if (value <= 0) throw new GatewayConfigurationException($"{SectionName}:{name} must be positive, got {value}.");
    }
}
