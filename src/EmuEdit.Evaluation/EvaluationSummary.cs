using System.Text.Json.Serialization;

namespace EmuEdit.Evaluation;

/// <summary>Overall, per-task and per-category summaries of a benchmark run.</summary>
public sealed record EvaluationSummary
{
    [JsonPropertyName("overall")] public required MetricSummary Overall { get; init; }
    [JsonPropertyName("per_task")] public required IReadOnlyDictionary<string, MetricSummary> PerTask { get; init; }
    [JsonPropertyName("per_category")] public required IReadOnlyDictionary<string, MetricSummary> PerCategory { get; init; }

    public static EvaluationSummary Of(IReadOnlyCollection<ExampleResult> results) => new()
    {
        Overall = MetricSummary.Of(results),
        PerTask = results.GroupBy(r => r.Task)
            .ToDictionary(g => g.Key, g => MetricSummary.Of(g.ToList())),
        PerCategory = results.Where(r => r.Category is not null).GroupBy(r => r.Category!)
            .ToDictionary(g => g.Key, g => MetricSummary.Of(g.ToList())),
    };
}
