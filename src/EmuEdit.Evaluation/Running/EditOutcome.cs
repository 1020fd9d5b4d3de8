namespace EmuEdit.Evaluation.Running;

/// <summary>An editor's answer for one example; the task it conditioned on when it chose one (predicted or given).</summary>
public sealed record EditOutcome(PlanarImage Output, string? ConditionedTask = null);
