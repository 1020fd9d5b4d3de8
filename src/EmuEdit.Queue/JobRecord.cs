namespace EmuEdit.Queue;

/// <summary>A snapshot of a job's hash, for status queries.</summary>
public sealed record JobRecord(
    string JobId,
    JobState State,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    DateTimeOffset? NextAttemptAt,
    string? Worker,
    string? Error,
    bool CancelRequested,
    int Step,
    int TotalSteps,
    string? TraceParent,
    string? TraceState,
    string? IdempotencyKey,
    string? ProgressDetail = null,
    string? Label = null,
    TimeSpan? ResultTtl = null);
