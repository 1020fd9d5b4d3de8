namespace EmuEdit.Queue;

/// <summary>The life of a job; the same states as emuedit.v1.JobState on the public API.</summary>
public enum JobState
{
    Queued,
    Running,
    RetryScheduled,
    Succeeded,
    /// <summary>Attempts used up or not retryable: the job is in the dead-letter list.</summary>
    Failed,
    Cancelled,
}

internal static class JobStates
{
    public static string ToField(this JobState state) => state switch
    {
        JobState.Queued => "queued",
        JobState.Running => "running",
        JobState.RetryScheduled => "retry_scheduled",
        JobState.Succeeded => "succeeded",
        JobState.Failed => "failed",
        JobState.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public static JobState Parse(string value) => value switch
    {
        "queued" => JobState.Queued,
        "running" => JobState.Running,
        "retry_scheduled" => JobState.RetryScheduled,
        "succeeded" => JobState.Succeeded,
        "failed" => JobState.Failed,
        "cancelled" => JobState.Cancelled,
        _ => throw new InvalidDataException($"Unknown job state '{value}' in the job hash."),
    };

    public static bool IsTerminal(this JobState state) =>
        state is JobState.Succeeded or JobState.Failed or JobState.Cancelled;
}
