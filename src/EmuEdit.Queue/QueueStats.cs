namespace EmuEdit.Queue;

/// <summary>Queue depths, for backpressure, dashboards and autoscaling checks.</summary>
public sealed record QueueStats(long Ready, long RetryScheduled, long DeadLettered, long Workers);
