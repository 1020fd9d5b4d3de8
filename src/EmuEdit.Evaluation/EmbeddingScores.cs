namespace EmuEdit.Evaluation;

/// <summary>Encoder-based similarities of one edit; null where that encoder was not given.</summary>
public sealed record EmbeddingScores
{
    /// <summary>Feature similarity (ResNet-18 by default) between input and output.</summary>
    public double? FeatureInputOutput { get; init; }

    /// <summary>Feature similarity between output and the true target.</summary>
    public double? FeatureOutputTarget { get; init; }

    public double? ClipDirection { get; init; }
    public double? ClipImage { get; init; }
    public double? ClipOutput { get; init; }
    public double? Dino { get; init; }
}
