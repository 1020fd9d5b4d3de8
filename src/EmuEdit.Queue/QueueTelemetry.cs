using System.Diagnostics;

namespace EmuEdit.Queue;

/// <summary>The queue's activity source: add <see cref="SourceName"/> to the OpenTelemetry tracer to see its spans.</summary>
public static class QueueTelemetry
{
    public const string SourceName = "EmuEdit.Queue";

    public static ActivitySource Source { get; } = new(SourceName);

    /// <summary>A consumer span for processing a job, parented on the trace that enqueued it.</summary>
    public static Activity? StartProcessing(JobLease lease)
    {
        ArgumentNullException.ThrowIfNull(lease);
        Activity? activity = Source.StartActivity("queue.process", ActivityKind.Consumer, lease.ParentContext);
        activity?.SetTag("messaging.system", "redis");
        activity?.SetTag("messaging.message.id", lease.JobId);
        activity?.SetTag("emuedit.job.attempt", lease.Attempt);
        return activity;
    }
}
