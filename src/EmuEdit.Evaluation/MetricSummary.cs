using System.Text.Json.Serialization;

namespace EmuEdit.Evaluation;

/// <summary>Means over a group of examples (one task, one category, or all); nullable means skip missing values.</summary>
public sealed record MetricSummary
{
    [JsonPropertyName("count")] public required int Count { get; init; }
    [JsonPropertyName("success_rate")] public required double SuccessRate { get; init; }
    [JsonPropertyName("l1_input_output")] public required double InputOutputL1 { get; init; }
    [JsonPropertyName("l1_target_inside")] public double? TargetL1Inside { get; init; }
    [JsonPropertyName("l1_input_outside")] public double? InputL1Outside { get; init; }
    [JsonPropertyName("psnr_to_target_db")] public required double PsnrToTarget { get; init; }
    [JsonPropertyName("feature_sim_input_output")] public double? FeatureInputOutput { get; init; }
    [JsonPropertyName("feature_sim_output_target")] public double? FeatureOutputTarget { get; init; }
    [JsonPropertyName("clip_dir")] public double? ClipDirection { get; init; }
    [JsonPropertyName("clip_im")] public double? ClipImage { get; init; }
    [JsonPropertyName("clip_out")] public double? ClipOutput { get; init; }
    [JsonPropertyName("dino")] public double? Dino { get; init; }

    public static MetricSummary Of(IReadOnlyCollection<ExampleResult> results)
    {
        if (results.Count == 0) throw new ArgumentException("A summary needs at least one result.", nameof(results));
        return new MetricSummary
        {
            Count = results.Count,
            SuccessRate = results.Count(r => r.Edit.Success) / (double)results.Count,
            InputOutputL1 = results.Average(r => r.Edit.InputOutputL1),
            TargetL1Inside = MeanOf(results, r => r.Edit.TargetL1Inside),
            InputL1Outside = MeanOf(results, r => r.Edit.InputL1Outside),
            PsnrToTarget = results.Average(r => r.Edit.PsnrToTarget),
            FeatureInputOutput = MeanOf(results, r => r.Embeddings.FeatureInputOutput),
            FeatureOutputTarget = MeanOf(results, r => r.Embeddings.FeatureOutputTarget),
            ClipDirection = MeanOf(results, r => r.Embeddings.ClipDirection),
            ClipImage = MeanOf(results, r => r.Embeddings.ClipImage),
            ClipOutput = MeanOf(results, r => r.Embeddings.ClipOutput),
            Dino = MeanOf(results, r => r.Embeddings.Dino),
        };
    }

    private static double? MeanOf(IEnumerable<ExampleResult> results, Func<ExampleResult, double?> pick)
    {
        var values = results.Select(pick).Where(v => v.HasValue).Select(v => v!.Value).ToList();
        return values.Count == 0 ? null : values.Average();
    }
}
