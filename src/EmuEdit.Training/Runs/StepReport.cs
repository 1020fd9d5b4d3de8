namespace EmuEdit.Training.Runs;

/// <summary>One step's numbers for progress display. StepsPerSecond is averaged since the loop (re)started.</summary>
public sealed record StepReport(long Step, long TotalSteps, double Loss, double LearningRate, double StepsPerSecond, TimeSpan? Remaining);
