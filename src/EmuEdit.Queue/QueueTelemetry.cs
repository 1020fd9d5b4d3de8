using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace EmuEdit.Queue;

/// <summary>
/// The queue's spans and metrics: add <see cref="SourceName"/> to both the OpenTelemetry tracer and
/// meter to see them.
/// </summary>
public static class QueueTelemetry
{
    public const string SourceName = "EmuEdit.Queue";

    public static ActivitySource Source { get; } = new(SourceName);

    private static readonly Meter Meter = new(SourceName);

    /// <summary>Jobs entering a state, tagged <c>kind</c> (queued, started, succeeded, retry_scheduled, failed, cancelled, ...).</summary>
    internal static Counter<long> Transitions { get; } =
        Meter.CreateCounter<long>("emuedit.queue.job.transitions", unit: "{job}", description: "Jobs entering a state");

    /// <summary>Enqueues refused because the ready list was full: backpressure at work.</summary>
    internal static Counter<long> Rejected { get; } =
        Meter.CreateCounter<long>("emuedit.queue.job.rejected", unit: "{job}", description: "Jobs refused because the queue was full");

    /// <summary>Jobs returned from dead workers: by the reaper once a heartbeat expired, or by a worker restarted under the same id.</summary>
    internal static Counter<long> Reaped { get; } =
        Meter.CreateCounter<long>("emuedit.queue.job.reaped", unit: "{job}", description: "Jobs returned from dead workers");

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
