namespace EmuEdit.DiffusionWorker;

/// <summary>The worker loop's settings, section "Worker" (batch limits are Pipeline:MaxBatchSize).</summary>
public sealed class WorkerOptions
{
    public const string SectionName = "Worker";

    /// <summary>This worker's name in the queue (processing list, heartbeat); unset = host name plus a random suffix.</summary>
    public string? WorkerId { get; set; }

    /// <summary>How often, at most, the worker asks the queue whether its running jobs were cancelled (one round trip per job).</summary>
    public TimeSpan CancellationCheckInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    public void Validate()
    {
        if (CancellationCheckInterval < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(CancellationCheckInterval), CancellationCheckInterval, "must not be negative");
        if (WorkerId is not null && string.IsNullOrWhiteSpace(WorkerId))
            throw new ArgumentException("Worker:WorkerId must not be blank when set.", nameof(WorkerId));
    }

    public string ResolveWorkerId() => WorkerId ?? $"{Environment.MachineName}-{Guid.NewGuid().ToString("N")[..8]}";
}
