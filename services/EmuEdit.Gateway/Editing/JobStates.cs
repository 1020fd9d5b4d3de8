using EmuEdit.Contracts.V1;
using Google.Protobuf.WellKnownTypes;
using QueueJobState = EmuEdit.Queue.JobState;

namespace EmuEdit.Gateway.Editing;

/// <summary>The queue's words for a job's life in the public API's words.</summary>
public static class JobStates
{
    public static JobState ToApi(this QueueJobState state) => state switch
    {
        QueueJobState.Queued => JobState.Queued,
        QueueJobState.Running => JobState.Running,
        QueueJobState.RetryScheduled => JobState.RetryScheduled,
        QueueJobState.Succeeded => JobState.Succeeded,
        QueueJobState.Failed => JobState.Failed,
        QueueJobState.Cancelled => JobState.Cancelled,
        _ => JobState.Unspecified,
    };

    public static bool IsTerminal(this QueueJobState state) =>
        state is QueueJobState.Succeeded or QueueJobState.Failed or QueueJobState.Cancelled;

    public static Timestamp? ToTimestamp(this DateTimeOffset? at) => at is { } value ? Timestamp.FromDateTimeOffset(value) : null;
}
