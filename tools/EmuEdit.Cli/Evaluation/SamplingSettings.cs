namespace EmuEdit.Cli.Evaluation;

/// <summary>Sampler settings of an evaluated run; null takes the checkpoint's defaults (config.json's diffusion section).</summary>
public sealed record SamplingSettings
{
    public int? Steps { get; init; }
    public double? ImageGuidance { get; init; }
    public double? TextGuidance { get; init; }

    /// <summary>Alpha of edit thresholding (0 = off); null = the engine's default.</summary>
    public double? Threshold { get; init; }

    /// <summary>Mixed with each example's id, so every example gets its own fixed noise and reruns are identical.</summary>
    public ulong Seed { get; init; }
}
