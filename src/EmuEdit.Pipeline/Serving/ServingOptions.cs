namespace EmuEdit.Pipeline.Serving;

/// <summary>Limits of the model services' endpoints, bound from the "Serving" configuration section.</summary>
public sealed class ServingOptions
{
    public const string SectionName = "Serving";

    /// <summary>Most instructions or images one call may carry (bounds a call's memory).</summary>
    public int MaxBatch { get; set; } = 64;

    /// <summary>Largest image side the VAE accepts, pixels.</summary>
    public int MaxImageSide { get; set; } = 2048;

    public void Validate()
    {
        if (MaxBatch < 1) throw new ArgumentOutOfRangeException(nameof(MaxBatch), MaxBatch, "must be at least 1");
        if (MaxImageSide < 1) throw new ArgumentOutOfRangeException(nameof(MaxImageSide), MaxImageSide, "must be at least 1");
    }
}
