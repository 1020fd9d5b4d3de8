using StackExchange.Redis;

namespace EmuEdit.Queue;

/// <summary>
/// The one place that names every key and channel (docs/queue.md, "Key layout"). Autoscaling reads
/// the ready list's length by name, so <see cref="DefaultReadyList"/> is what KEDA's listName must say.
/// </summary>
public sealed class QueueKeys(string prefix)
{
    public const string DefaultPrefix = "emuedit:";
    public const string ReadyListName = "queue:ready";

    /// <summary>The ready list under the default prefix: the key a KEDA <c>redis</c> scaler watches.</summary>
    public const string DefaultReadyList = DefaultPrefix + ReadyListName;

    public string Prefix { get; } = prefix;

    /// <summary>Job ids waiting for a worker: pushed on the left, taken from the right (FIFO).</summary>
    public RedisKey Ready => Prefix + ReadyListName;

    /// <summary>Sorted set of job ids waiting for a retry, scored by the unix time (ms) they are due.</summary>
    public RedisKey Delayed => Prefix + "queue:delayed";

    /// <summary>Job ids that used up their attempts.</summary>
    public RedisKey DeadLetter => Prefix + "queue:dead";

    /// <summary>Set of worker ids that may hold jobs: where the reaper looks.</summary>
    public RedisKey Workers => Prefix + "workers";

    public RedisKey Processing(string workerId) => $"{Prefix}queue:processing:{workerId}";

    public RedisKey Heartbeat(string workerId) => $"{Prefix}worker:{workerId}:heartbeat";

    public RedisKey Job(string jobId) => $"{Prefix}job:{jobId}";

    public RedisKey Result(string jobId) => $"{Prefix}result:{jobId}";

    public RedisKey Idempotency(string idempotencyKey) => $"{Prefix}idempotency:{idempotencyKey}";

    /// <summary>Events of one job (progress, state changes) for whoever streams it to a client.</summary>
    public RedisChannel JobEvents(string jobId) => RedisChannel.Literal($"{Prefix}events:job:{jobId}");

    /// <summary>Published when jobs become ready, so idle workers look at once instead of at their next poll.</summary>
    public RedisChannel ReadyWakeUp => RedisChannel.Literal(Prefix + "events:ready");

    /// <summary>Hash: task name -> embedding bytes.</summary>
    public RedisKey TaskEmbeddings => Prefix + "tasks:embeddings";

    /// <summary>Hash: task name -> metadata JSON.</summary>
    public RedisKey TaskMetadata => Prefix + "tasks:metadata";

    /// <summary>Counter raised by every registry change.</summary>
    public RedisKey TaskVersion => Prefix + "tasks:version";

    /// <summary>Hash: task name -> how many times it was registered (its version; kept after a delete, so versions only grow).</summary>
    public RedisKey TaskVersions => Prefix + "tasks:versions";

    /// <summary>Set of built-in task names: the registry refuses to store a task under any of them.</summary>
    public RedisKey TaskBuiltIn => Prefix + "tasks:builtin";

    /// <summary>Hash: task name -> the registration in flight that holds it ("{registration id} {claimed at, unix ms}").</summary>
    public RedisKey TaskClaims => Prefix + "tasks:pending";

    public RedisChannel TaskChanges => RedisChannel.Literal(Prefix + "events:tasks");
}
