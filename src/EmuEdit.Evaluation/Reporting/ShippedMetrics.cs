using System.Text.Json;
using System.Text.Json.Serialization;

namespace EmuEdit.Evaluation.Reporting;

/// <summary>
/// metrics.json, the summary that ships beside a model. Rates are on the 16 trained tasks of the served
/// path (task chosen by the predictor); unseen tasks are not in them.
/// </summary>
public sealed record ShippedMetrics
{
    public const string FileName = "metrics.json";

    [JsonPropertyName("overall_success_rate")] public double? OverallSuccessRate { get; init; }
    [JsonPropertyName("per_task_success_rate")] public required IReadOnlyDictionary<string, double> PerTaskSuccessRate { get; init; }
    [JsonPropertyName("task_predictor_heldout_accuracy")] public double? TaskPredictorHeldOutAccuracy { get; init; }
    [JsonPropertyName("autoencoder_psnr_db")] public double? AutoencoderPsnrDb { get; init; }
    [JsonPropertyName("outside_mask_l1")] public double? OutsideMaskL1 { get; init; }
    /// <summary>The same for the autoencoder round trip alone: the floor under <see cref="OutsideMaskL1"/>.</summary>
    [JsonPropertyName("autoencoder_outside_mask_l1")] public double? AutoencoderOutsideMaskL1 { get; init; }
    [JsonPropertyName("identity_success_rate")] public double? IdentitySuccessRate { get; init; }
    /// <summary>Success of D(E(target)): the most any editor on this autoencoder can reach.</summary>
    [JsonPropertyName("autoencoder_target_success_rate")] public double? AutoencoderTargetSuccessRate { get; init; }
    /// <summary>The same per task: where it is low the autoencoder caps the task, whatever the editor learns.</summary>
    [JsonPropertyName("autoencoder_target_per_task_success_rate")] public IReadOnlyDictionary<string, double>? AutoencoderTargetPerTaskSuccessRate { get; init; }
    [JsonPropertyName("no_task_embedding_success_rate")] public double? NoTaskEmbeddingSuccessRate { get; init; }
    /// <summary>The served path with edit thresholding off: what the decoder alone draws (absent when the run did not threshold).</summary>
    [JsonPropertyName("unthresholded_success_rate")] public double? UnthresholdedSuccessRate { get; init; }
    [JsonPropertyName("unthresholded_outside_mask_l1")] public double? UnthresholdedOutsideMaskL1 { get; init; }
    /// <summary>The alpha the served path was thresholded with (0 = off).</summary>
    [JsonPropertyName("threshold")] public double? Threshold { get; init; }

    public static ShippedMetrics From(EvaluationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var primary = report.Variants.GetValueOrDefault(EvaluationReport.PrimaryVariant)?.Trained;
        var ceiling = report.Variants.GetValueOrDefault(VariantNames.TargetReconstruction)?.Trained;
        var unthresholded = report.Variants.GetValueOrDefault(VariantNames.Unthresholded)?.Trained;
        return new ShippedMetrics
        {
            OverallSuccessRate = primary?.Overall.SuccessRate,
            PerTaskSuccessRate = primary is null ? new Dictionary<string, double>() : PerTask(report, primary),
            TaskPredictorHeldOutAccuracy = report.TaskPredictorHeldOutAccuracy,
            AutoencoderPsnrDb = report.AutoencoderPsnrDb,
            OutsideMaskL1 = primary?.Overall.InputL1Outside,
            AutoencoderOutsideMaskL1 = report.Variants.GetValueOrDefault(VariantNames.Reconstruction)?.Trained?.Overall.InputL1Outside,
            IdentitySuccessRate = report.Variants.GetValueOrDefault(VariantNames.Identity)?.Trained?.Overall.SuccessRate,
            AutoencoderTargetSuccessRate = ceiling?.Overall.SuccessRate,
            AutoencoderTargetPerTaskSuccessRate = ceiling is null ? null : PerTask(report, ceiling),
            NoTaskEmbeddingSuccessRate = report.Variants.GetValueOrDefault(VariantNames.NoTaskEmbedding)?.Trained?.Overall.SuccessRate,
            UnthresholdedSuccessRate = unthresholded?.Overall.SuccessRate,
            UnthresholdedOutsideMaskL1 = unthresholded?.Overall.InputL1Outside,
            Threshold = report.Settings.Threshold,
        };
    }

    private static Dictionary<string, double> PerTask(EvaluationReport report, EvaluationSummary set) =>
        report.TrainedTasks.Where(set.PerTask.ContainsKey).ToDictionary(t => t, t => set.PerTask[t].SuccessRate);

    public string ToJson() => JsonSerializer.Serialize(this, EvaluationReport.JsonOptions);
}
