namespace EmuEdit.Queue;

/// <summary>
/// The ready list is at <see cref="JobQueueOptions.MaxReadyLength"/>: the system is saturated and the
/// caller should back off. The gateway answers RESOURCE_EXHAUSTED.
/// </summary>
public sealed class QueueFullException(long readyLength, long maxReadyLength)
    : Exception($"The queue is full: {readyLength} jobs are waiting, the limit is {maxReadyLength}. Retry later.")
{
    public long ReadyLength { get; } = readyLength;
    public long MaxReadyLength { get; } = maxReadyLength;
}
