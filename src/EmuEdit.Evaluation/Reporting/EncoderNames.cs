using System.Text.Json.Serialization;

namespace EmuEdit.Evaluation.Reporting;

/// <summary>Which encoders produced the embedding metrics (null: that metric was not computed).</summary>
public sealed record EncoderNames
{
    [JsonPropertyName("feature")] public string? Feature { get; init; }
    [JsonPropertyName("clip_image")] public string? ClipImage { get; init; }
    [JsonPropertyName("clip_text")] public string? ClipText { get; init; }
    [JsonPropertyName("dino")] public string? Dino { get; init; }
}
