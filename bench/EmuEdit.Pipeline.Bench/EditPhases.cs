using System.Diagnostics;
using System.Text.Json.Nodes;

namespace EmuEdit.Pipeline.Bench;

/// <summary>
/// Where one edit's time went, from the progress reports its client saw: until the first step was reported
/// (queueing, task and text encoding, image encoding, one sampling step), the remaining steps, and from the
/// last step to the result (decoding and delivery). The gateway reports a step while the next one runs,
/// so its split leans by up to one step towards the later phases; the total is exact.
/// </summary>
public sealed class EditPhases
{
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private double? _started;
    private double? _firstStep;
    private double? _lastStep;

    public double FirstStepMs => _firstStep ?? double.NaN;

    /// <summary>Until a worker took the job (gateway only): validation, enqueue, wake-up and claim.</summary>
    public double StartedMs => _started ?? double.NaN;

    public double StepsMs => (_lastStep ?? double.NaN) - FirstStepMs;

    public double FinishMs => TotalMs - (_lastStep ?? double.NaN);

    public double TotalMs { get; private set; }

    /// <summary>The job's own timestamps, for gateway edits that asked for them.</summary>
    public ServerTimes? Server { get; set; }

    public void Stepped(int step, int totalSteps)
    {
        double now = _watch.Elapsed.TotalMilliseconds;
        if (step == 1) _firstStep = now;
        if (step == totalSteps) _lastStep = now;
    }

    public void Started() => _started ??= _watch.Elapsed.TotalMilliseconds;

    public void Finished() => TotalMs = _watch.Elapsed.TotalMilliseconds;

    /// <summary>
    /// Median of each phase over the edits whose first and last step were both reported (progress events
    /// are best effort: an edit with a missed one has no split, only a total).
    /// </summary>
    public static JsonObject Medians(IReadOnlyCollection<EditPhases> edits)
    {
        var split = edits.Where(e => !double.IsNaN(e.FirstStepMs) && !double.IsNaN(e.StepsMs)).ToList();
        if (split.Count == 0) return new JsonObject { ["edits_with_both_steps_reported"] = 0 };
        var started = split.Where(e => !double.IsNaN(e.StartedMs)).ToList();
        return new JsonObject
        {
            ["until_started_ms"] = started.Count == 0 ? null : Math.Round(LatencySummary.Of([.. started.Select(e => e.StartedMs)]).Median, 1),
            ["until_first_step_ms"] = Math.Round(LatencySummary.Of([.. split.Select(e => e.FirstStepMs)]).Median, 1),
            ["remaining_steps_ms"] = Math.Round(LatencySummary.Of([.. split.Select(e => e.StepsMs)]).Median, 1),
            ["last_step_to_result_ms"] = Math.Round(LatencySummary.Of([.. split.Select(e => e.FinishMs)]).Median, 1),
            ["edits_with_both_steps_reported"] = split.Count,
        };
    }
}
