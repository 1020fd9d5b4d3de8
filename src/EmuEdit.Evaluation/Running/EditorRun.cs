namespace EmuEdit.Evaluation.Running;

/// <summary>Everything one editor did on the benchmark, in benchmark order, and how long it took.</summary>
public sealed record EditorRun(string Name, IReadOnlyList<ExampleOutcome> Outcomes, TimeSpan Elapsed)
{
    /// <summary>Share of examples whose conditioned task equals the true task, over those that report one; null if none do.</summary>
    public double? TaskAccuracy
    {
        get
        {
            var reported = Outcomes.Where(o => o.Outcome.ConditionedTask is not null).ToList();
            return reported.Count == 0 ? null
                : reported.Count(o => string.Equals(o.Outcome.ConditionedTask, o.Example.Task, StringComparison.Ordinal)) / (double)reported.Count;
        }
    }
}
