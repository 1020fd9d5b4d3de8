using System.Text.Json.Serialization;

namespace EmuEdit.Evaluation.Reporting;

/// <summary>One setting of the guidance/steps sweep and its scores on the trained tasks.</summary>
public sealed record SweepPoint
{
    [JsonPropertyName("image_guidance")] public required double ImageGuidance { get; init; }
    [JsonPropertyName("text_guidance")] public required double TextGuidance { get; init; }
    [JsonPropertyName("steps")] public required int Steps { get; init; }
    [JsonPropertyName("threshold")] public double? Threshold { get; init; }
    [JsonPropertyName("count")] public required int Count { get; init; }
    [JsonPropertyName("success_rate")] public required double SuccessRate { get; init; }
    [JsonPropertyName("l1_target_inside")] public double? TargetL1Inside { get; init; }
    [JsonPropertyName("l1_input_outside")] public double? InputL1Outside { get; init; }
    [JsonPropertyName("seconds")] public required double Seconds { get; init; }
}
