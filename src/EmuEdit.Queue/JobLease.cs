using System.Diagnostics;

namespace EmuEdit.Queue;

/// <summary>
/// A job a worker has taken. It stays in the worker's processing list until the worker completes,
/// fails or cancels it, or the reaper returns it because the worker's heartbeat expired.
/// </summary>
public sealed record JobLease(
    string JobId,
    string WorkerId,
    int Attempt,
    ReadOnlyMemory<byte> Payload,
    string? TraceParent,
    string? TraceState)
{
    /// <summary>The producer's trace context, so the worker's spans join the trace that enqueued the job.</summary>
    public ActivityContext ParentContext =>
        TraceParent is not null && ActivityContext.TryParse(TraceParent, TraceState, isRemote: true, out ActivityContext context)
            ? context
            : default;
}
