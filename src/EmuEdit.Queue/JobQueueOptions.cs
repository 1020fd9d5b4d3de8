namespace EmuEdit.Queue;

/// <summary>
/// How the queue behaves; bound from configuration section <see cref="SectionName"/>. Every service
/// that shares a queue must use the same <see cref="KeyPrefix"/>.
/// </summary>
public sealed class JobQueueOptions
{
    public const string SectionName = "Queue";

    /// <summary>Prefix of every key and channel; lets several queues or test runs share one server.</summary>
    public string KeyPrefix { get; set; } = QueueKeys.DefaultPrefix;

    /// <summary>How often a worker renews its heartbeat key.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Life of a heartbeat key: a worker silent this long is dead and its jobs go back to the ready list.</summary>
    public TimeSpan HeartbeatTtl { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often the reaper looks for dead workers and due retries.</summary>
    public TimeSpan ReaperInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest a waiting worker sleeps between looks at the ready list when no wake-up comes.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Times a job may start (failures and abandonments both count) before it is dead-lettered.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Delay before the first retry; each further retry doubles it.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Upper bound of the retry delay.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Random spread of each retry delay, as a fraction (0.2 = up to 20% longer), so failed jobs do not retry in lockstep.</summary>
    public double RetryJitter { get; set; } = 0.2;

    /// <summary>How long a result stays readable after its job succeeded.</summary>
    public TimeSpan ResultTtl { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a finished job's state stays readable. Dead-lettered jobs keep theirs until an operator acts.</summary>
    public TimeSpan JobTtl { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long a client's idempotency key keeps naming its job.</summary>
    public TimeSpan IdempotencyTtl { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Ready-list length at which new jobs are refused (backpressure; RESOURCE_EXHAUSTED at the gateway).</summary>
    public long MaxReadyLength { get; set; } = 1000;

    /// <summary>Most due retries moved back to the ready list in one pass.</summary>
    public int PromoteBatchSize { get; set; } = 100;

    /// <summary>
    /// How often a conditional write to a job is retried when it lost a race: WATCH aborts a transaction
    /// on any concurrent write to the job (a worker's progress step, say), not only one that breaks its conditions.
    /// </summary>
    public int ConflictRetries { get; set; } = 10;

    /// <summary>Throws when a setting cannot work, so a misconfiguration fails at start, not at the first job.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(KeyPrefix)) throw new ArgumentException("Queue:KeyPrefix must not be empty.");
        Positive(HeartbeatInterval, nameof(HeartbeatInterval));
        Positive(ReaperInterval, nameof(ReaperInterval));
        Positive(PollInterval, nameof(PollInterval));
        Positive(RetryBaseDelay, nameof(RetryBaseDelay));
        Positive(ResultTtl, nameof(ResultTtl));
        Positive(JobTtl, nameof(JobTtl));
        Positive(IdempotencyTtl, nameof(IdempotencyTtl));
        if (HeartbeatTtl <= HeartbeatInterval)
            throw new ArgumentException($"Queue:HeartbeatTtl ({HeartbeatTtl}) must exceed Queue:HeartbeatInterval ({HeartbeatInterval}), or live workers look dead.");
        if (RetryMaxDelay < RetryBaseDelay)
            throw new ArgumentException($"Queue:RetryMaxDelay ({RetryMaxDelay}) must be at least Queue:RetryBaseDelay ({RetryBaseDelay}).");
        if (MaxAttempts < 1) throw new ArgumentException($"Queue:MaxAttempts must be at least 1, got {MaxAttempts}.");
        if (MaxReadyLength < 1) throw new ArgumentException($"Queue:MaxReadyLength must be at least 1, got {MaxReadyLength}.");
        if (PromoteBatchSize < 1) throw new ArgumentException($"Queue:PromoteBatchSize must be at least 1, got {PromoteBatchSize}.");
        if (ConflictRetries < 1) throw new ArgumentException($"Queue:ConflictRetries must be at least 1, got {ConflictRetries}.");
        if (RetryJitter is < 0 or > 1) throw new ArgumentException($"Queue:RetryJitter must be within [0, 1], got {RetryJitter}.");
    }

    private static void Positive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero) throw new ArgumentException($"Queue:{name} must be positive, got {value}.");
    }
}
