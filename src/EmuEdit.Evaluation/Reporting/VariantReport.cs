using System.Text.Json.Serialization;
using EmuEdit.Evaluation.Running;

namespace EmuEdit.Evaluation.Reporting;

/// <summary>
/// One editor's scores: the 16 trained tasks (the overall figure) and the unseen few-shot tasks
/// kept apart, since no task row exists for them before task inversion.
/// </summary>
public sealed record VariantReport
{
    [JsonPropertyName("description")] public required string Description { get; init; }

    /// <summary>Where the task vector came from: "predicted", "ground_truth", "none" (zero vector) or "n/a" for non-model baselines.</summary>
    [JsonPropertyName("task_source")] public required string TaskSource { get; init; }

    [JsonPropertyName("seconds")] public required double Seconds { get; init; }

    /// <summary>Share of examples whose conditioned task is the true one (trained tasks only); null when the editor picks no task.</summary>
    [JsonPropertyName("task_accuracy")] public double? TaskAccuracy { get; init; }

    [JsonPropertyName("trained")] public EvaluationSummary? Trained { get; init; }
    [JsonPropertyName("unseen")] public EvaluationSummary? Unseen { get; init; }

    public static VariantReport Of(EditorRun run, string description, string taskSource)
    {
        ArgumentNullException.ThrowIfNull(run);
        var trained = run.Outcomes.Where(o => !o.Example.IsUnseen).ToList();
        var unseen = run.Outcomes.Where(o => o.Example.IsUnseen).ToList();
        return new VariantReport
        {
            Description = description,
            TaskSource = taskSource,
            Seconds = Math.Round(run.Elapsed.TotalSeconds, 3),
            TaskAccuracy = new EditorRun(run.Name, trained, run.Elapsed).TaskAccuracy,
            Trained = trained.Count == 0 ? null : EvaluationSummary.Of(trained.Select(o => o.Result).ToList()),
            Unseen = unseen.Count == 0 ? null : EvaluationSummary.Of(unseen.Select(o => o.Result).ToList()),
        };
    }
}
