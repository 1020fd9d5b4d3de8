namespace EmuEdit.Queue;

/// <summary>Field names of the job hash (docs/queue.md). Times are unix milliseconds.</summary>
internal static class JobFields
{
    public const string State = "state";
    public const string Attempts = "attempts";
    public const string Payload = "payload";
    public const string CreatedAt = "created_at";
    public const string StartedAt = "started_at";
    /// <summary>Set by every terminal transition and only by them: the condition that makes them happen once.</summary>
    public const string FinishedAt = "finished_at";
    public const string NextAttemptAt = "next_attempt_at";
    public const string Worker = "worker";
    public const string Error = "error";
    public const string TraceParent = "traceparent";
    public const string TraceState = "tracestate";
    public const string CancelRequested = "cancel_requested";
    public const string IdempotencyKey = "idempotency_key";
    public const string Step = "step";
    public const string TotalSteps = "total_steps";
    /// <summary>The last progress report's producer-defined text (ReportProgressAsync with a detail).</summary>
    public const string ProgressDetail = "progress_detail";
    /// <summary>A short caller-defined text given at enqueue (a registration's task name).</summary>
    public const string Label = "label";

    /// <summary>How long the result is kept, in milliseconds, when the producer asked for other than Queue:ResultTtl.</summary>
    public const string ResultTtl = "result_ttl_ms";
}
