using System.Text.Json.Serialization;

namespace EmuEdit.Evaluation.Reporting;

/// <summary>The sampling settings of a run (null for runs without a model) and how the benchmark was cut.</summary>
public sealed record EvaluationSettings
{
    [JsonPropertyName("steps")] public int? Steps { get; init; }
    [JsonPropertyName("image_guidance")] public double? ImageGuidance { get; init; }
    [JsonPropertyName("text_guidance")] public double? TextGuidance { get; init; }

    /// <summary>Alpha of edit thresholding against the input's reconstruction (0 = off).</summary>
    [JsonPropertyName("threshold")] public double? Threshold { get; init; }
    [JsonPropertyName("seed")] public long? Seed { get; init; }
    [JsonPropertyName("batch_size")] public required int BatchSize { get; init; }
    [JsonPropertyName("limit_per_task")] public int? LimitPerTask { get; init; }
    [JsonPropertyName("inside_ratio")] public required double InsideRatio { get; init; }
    [JsonPropertyName("outside_l1")] public required double OutsideL1 { get; init; }
}
