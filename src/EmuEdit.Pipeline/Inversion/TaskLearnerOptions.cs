namespace EmuEdit.Pipeline.Inversion;

/// <summary>How <see cref="TaskLearner"/> talks to the model services; bound from section <see cref="SectionName"/>.</summary>
public sealed class TaskLearnerOptions
{
    public const string SectionName = "Learner";

    /// <summary>Most images (or instructions) in one call to the vae-decoder (or text-encoder) while examples are encoded.</summary>
    public int EncodeBatchSize { get; set; } = 16;

    public void Validate()
    {
        if (EncodeBatchSize < 1) throw new ArgumentException($"{SectionName}:{nameof(EncodeBatchSize)} must be at least 1, got {EncodeBatchSize}.");
    }
}
