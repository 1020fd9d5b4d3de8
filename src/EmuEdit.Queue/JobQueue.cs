using System.Diagnostics;
using StackExchange.Redis;

namespace EmuEdit.Queue;

/// <summary>
/// The producer's and observer's side of the queue (the gateway): enqueue with backpressure and
/// idempotency keys, read state and results, cancel, and follow a job's events. Thread-safe.
/// </summary>
public sealed class JobQueue
{
    private readonly QueueStore _store;

    public JobQueue(IConnectionMultiplexer connection, JobQueueOptions options, TimeProvider? time = null)
    {
        _store = new QueueStore(connection, options, time ?? TimeProvider.System);
    }

    public QueueKeys Keys => _store.Keys;

    /// <summary>
    /// Queues a job. With an <paramref name="idempotencyKey"/>, a repeat returns the first job
    /// (<see cref="EnqueueResult.Duplicate"/>) instead of queueing again. Throws
    /// <see cref="QueueFullException"/> when the ready list is at its limit. The current W3C trace
    /// context travels with the job. <paramref name="resultTtl"/> keeps this job's result for other than
    /// <see cref="JobQueueOptions.ResultTtl"/>.
    /// </summary>
    public Task<EnqueueResult> EnqueueAsync(
        ReadOnlyMemory<byte> payload, string? idempotencyKey = null, TimeSpan? resultTtl = null, CancellationToken cancellationToken = default)
    {
        if (resultTtl is { } ttl) ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ttl, TimeSpan.Zero, nameof(resultTtl));
        return EnqueueAsync(NewJobId(), payload, idempotencyKey, mustBeNew: false, cancellationToken, resultTtl: resultTtl);
    }

    /// <summary>
    /// Queues a job under an id the caller chose with <see cref="NewJobId"/>, for producers that must name
    /// the job before it exists (a task registration claims its name with it first). A <paramref name="label"/>
    /// (a short text, e.g. the task a registration learns) is kept on the job and read back in
    /// <see cref="JobRecord.Label"/> without the payload. Throws <see cref="InvalidOperationException"/> when a
    /// job with that id exists, and <see cref="QueueFullException"/> when the ready list is at its limit.
    /// </summary>
    public Task<EnqueueResult> EnqueueAsync(string jobId, ReadOnlyMemory<byte> payload, string? label = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        return EnqueueAsync(jobId, payload, idempotencyKey: null, mustBeNew: true, cancellationToken, label);
    }

    /// <summary>A fresh job id (time-ordered, 32 hex digits), the kind the queue gives jobs itself.</summary>
    public static string NewJobId() => Guid.CreateVersion7().ToString("N");

    private async Task<EnqueueResult> EnqueueAsync(
        string jobId, ReadOnlyMemory<byte> payload, string? idempotencyKey, bool mustBeNew, CancellationToken cancellationToken,
        string? label = null, TimeSpan? resultTtl = null)
    {
        cancellationToken.ThrowIfCancellationRequested();
        IDatabase db = _store.Db;

        // A repeat is answered before the queue-full check: its job exists, whatever the queue's length now.
        RedisKey? claim = idempotencyKey is null ? default(RedisKey?) : _store.Keys.Idempotency(idempotencyKey);
        if (claim is { } key && await db.StringGetAsync(key).ConfigureAwait(false) is { IsNull: false } first)
        {
            return new EnqueueResult(first.ToString(), Duplicate: true);
        }

        // A soft limit: concurrent producers may overshoot by their number, which backpressure tolerates.
        long ready = await db.ListLengthAsync(_store.Keys.Ready).ConfigureAwait(false);
        if (ready >= _store.Options.MaxReadyLength)
        {
            QueueTelemetry.Rejected.Add(1);
            throw new QueueFullException(ready, _store.Options.MaxReadyLength);
        }

        using Activity? activity = QueueTelemetry.Source.StartActivity("queue.enqueue", ActivityKind.Producer);
        activity?.SetTag("messaging.system", "redis");
        activity?.SetTag("messaging.message.id", jobId);
        Activity? traced = activity ?? Activity.Current;

        var fields = new List<HashEntry>
        {
            new(JobFields.State, JobState.Queued.ToField()),
            new(JobFields.Attempts, 0),
            new(JobFields.Payload, payload),
            new(JobFields.CreatedAt, _store.NowMs),
        };
        if (traced is { IdFormat: ActivityIdFormat.W3C, Id: { } traceParent })
        {
            fields.Add(new HashEntry(JobFields.TraceParent, traceParent));
            if (!string.IsNullOrEmpty(traced.TraceStateString))
            {
                fields.Add(new HashEntry(JobFields.TraceState, traced.TraceStateString));
            }
        }
        if (idempotencyKey is not null)
        {
            fields.Add(new HashEntry(JobFields.IdempotencyKey, idempotencyKey));
        }
        if (label is not null)
        {
            fields.Add(new HashEntry(JobFields.Label, label));
        }
        if (resultTtl is { } ttl)
        {
            fields.Add(new HashEntry(JobFields.ResultTtl, (long)ttl.TotalMilliseconds));
        }

        // The hash is written in the same MULTI as the push, so no worker ever takes an id without its job, and
        // the idempotency key with them, so the key never names a job that was not written (a failure between
        // two separate writes would leave a repeat pointing at nothing until the key expired).
        ITransaction tx = db.CreateTransaction();
        if (mustBeNew)
        {
            tx.AddCondition(Condition.KeyNotExists(_store.Keys.Job(jobId)));
        }
        if (claim is { } unclaimed)
        {
            tx.AddCondition(Condition.KeyNotExists(unclaimed));
            _ = tx.StringSetAsync(unclaimed, jobId, _store.Options.IdempotencyTtl);
        }
        _ = tx.HashSetAsync(_store.Keys.Job(jobId), [.. fields]);
        _ = tx.ListLeftPushAsync(_store.Keys.Ready, jobId);
        if (!await tx.ExecuteAsync().ConfigureAwait(false))
        {
            if (claim is { } taken)
            {
                // A concurrent repeat won the key; its job was written with it. (Should that key expire at this very
                // moment, the caller's retry queues a fresh job, as it would after the TTL.)
                RedisValue winner = await db.StringGetAsync(taken).ConfigureAwait(false);
                if (!winner.IsNull)
                {
                    return new EnqueueResult(winner.ToString(), Duplicate: true);
                }
                throw new RedisException($"The idempotency key {idempotencyKey} was taken and expired during this enqueue; retry.");
            }
            throw new InvalidOperationException($"A job with id {jobId} already exists.");
        }

        await _store.PublishAsync(_store.Event(jobId, JobEventKind.Queued)).ConfigureAwait(false);
        await _store.WakeWorkersAsync().ConfigureAwait(false);
        return new EnqueueResult(jobId, Duplicate: false);
    }

    public Task<JobRecord?> GetJobAsync(string jobId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return _store.ReadJobAsync(jobId);
    }

    /// <summary>The stored result of a succeeded job, or null (not finished, failed, or expired).</summary>
    public async Task<byte[]?> GetResultAsync(string jobId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        RedisValue value = await _store.Db.StringGetAsync(_store.Keys.Result(jobId)).ConfigureAwait(false);
        return value.IsNull ? null : (byte[]?)value;
    }

    /// <summary>Jobs ahead of this one in the ready list (0 = next), or null when it is not waiting there.</summary>
    public async Task<long?> GetQueuePositionAsync(string jobId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        IDatabase db = _store.Db;
        long index = await db.ListPositionAsync(_store.Keys.Ready, jobId).ConfigureAwait(false);
        if (index < 0)
        {
            return null;
        }
        long length = await db.ListLengthAsync(_store.Keys.Ready).ConfigureAwait(false);
        // Pushed on the left, taken from the right: the rightmost job is next.
        return Math.Max(0, length - 1 - index);
    }

    /// <summary>Length of the ready list: what backpressure and the KEDA scaler look at.</summary>
    public Task<long> GetReadyLengthAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return _store.Db.ListLengthAsync(_store.Keys.Ready);
    }

    public async Task<QueueStats> GetStatsAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        IDatabase db = _store.Db;
        Task<long> ready = db.ListLengthAsync(_store.Keys.Ready);
        Task<long> delayed = db.SortedSetLengthAsync(_store.Keys.Delayed);
        Task<long> dead = db.ListLengthAsync(_store.Keys.DeadLetter);
        Task<long> workers = db.SetLengthAsync(_store.Keys.Workers);
        await Task.WhenAll(ready, delayed, dead, workers).ConfigureAwait(false);
        return new QueueStats(ready.Result, delayed.Result, dead.Result, workers.Result);
    }

    /// <summary>
    /// Cancels a job. A waiting job (queued or awaiting a retry) is cancelled at once; a running one
    /// gets its cancel flag set and is cancelled when its worker notices. Returns the job's state after,
    /// or null when no such job exists.
    /// </summary>
    public async Task<JobRecord?> CancelAsync(string jobId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        IDatabase db = _store.Db;
        RedisKey job = _store.Keys.Job(jobId);

        ITransaction Flag()
        {
            ITransaction flag = db.CreateTransaction();
            flag.AddCondition(Condition.HashExists(job, JobFields.State));
            flag.AddCondition(Condition.HashNotExists(job, JobFields.FinishedAt));
            _ = flag.HashSetAsync(job, [new HashEntry(JobFields.CancelRequested, 1)]);
            return flag;
        }
        if (!await _store.CommitAsync(jobId, Flag, now => now is { FinishedAt: null, CancelRequested: false }).ConfigureAwait(false))
        {
            return await _store.ReadJobAsync(jobId).ConfigureAwait(false); // absent, already finished, or flagged by another caller
        }

        bool cancelled =
            await TryCancelWaitingAsync(jobId, JobState.Queued, tx => tx.ListRemoveAsync(_store.Keys.Ready, jobId)).ConfigureAwait(false)
            || await TryCancelWaitingAsync(jobId, JobState.RetryScheduled, tx => tx.SortedSetRemoveAsync(_store.Keys.Delayed, jobId)).ConfigureAwait(false);
        await _store.PublishAsync(_store.Event(jobId, cancelled ? JobEventKind.Cancelled : JobEventKind.CancelRequested)).ConfigureAwait(false);
        return await _store.ReadJobAsync(jobId).ConfigureAwait(false);
    }

    private async Task<bool> TryCancelWaitingAsync(string jobId, JobState waitingIn, Action<ITransaction> removeFromWaitingPlace)
    {
        RedisKey job = _store.Keys.Job(jobId);
        ITransaction Build()
        {
            ITransaction tx = _store.Db.CreateTransaction();
            // If a worker took the job a moment ago its state is still QUEUED; cancelling it here is still
            // right, because the worker's claim is conditioned on the job not being finished.
            tx.AddCondition(Condition.HashEqual(job, JobFields.State, waitingIn.ToField()));
            tx.AddCondition(Condition.HashNotExists(job, JobFields.FinishedAt));
            removeFromWaitingPlace(tx);
            _ = tx.HashSetAsync(job, [new HashEntry(JobFields.State, JobState.Cancelled.ToField()), new HashEntry(JobFields.FinishedAt, _store.NowMs)]);
            _ = tx.KeyExpireAsync(job, _store.Options.JobTtl);
            return tx;
        }
        return await _store.CommitAsync(jobId, Build, now => now is { FinishedAt: null } && now.State == waitingIn).ConfigureAwait(false);
    }

    /// <summary>The newest dead-lettered job ids, newest first, for an operator to inspect.</summary>
    public async Task<IReadOnlyList<string>> ListDeadLetteredAsync(int count, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        cancellationToken.ThrowIfCancellationRequested();
        RedisValue[] ids = await _store.Db.ListRangeAsync(_store.Keys.DeadLetter, 0, count - 1).ConfigureAwait(false);
        return [.. ids.Select(id => id.ToString())];
    }

    /// <summary>
    /// Gives a dead-lettered job a fresh set of attempts (after an operator fixed its cause): back to
    /// the ready list, last error kept. Returns false when the job is not dead-lettered.
    /// </summary>
    public async Task<bool> RequeueDeadLetteredAsync(string jobId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        RedisKey job = _store.Keys.Job(jobId);
        ITransaction tx = _store.Db.CreateTransaction();
        tx.AddCondition(Condition.HashEqual(job, JobFields.State, JobState.Failed.ToField()));
        _ = tx.ListRemoveAsync(_store.Keys.DeadLetter, jobId);
        _ = tx.HashDeleteAsync(job, [JobFields.FinishedAt, JobFields.Worker, JobFields.CancelRequested]);
        _ = tx.HashSetAsync(job, [new HashEntry(JobFields.State, JobState.Queued.ToField()), new HashEntry(JobFields.Attempts, 0)]);
        _ = tx.ListLeftPushAsync(_store.Keys.Ready, jobId);
        if (!await tx.ExecuteAsync().ConfigureAwait(false))
        {
            return false;
        }
        await _store.PublishAsync(_store.Event(jobId, JobEventKind.Queued)).ConfigureAwait(false);
        await _store.WakeWorkersAsync().ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Subscribes to the job's events. Subscribe before reading the job's state, so no transition
    /// falls between the read and the subscription; dispose the subscription when done.
    /// </summary>
    public async Task<JobEventSubscription> SubscribeAsync(string jobId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ChannelMessageQueue messages = await _store.Connection.GetSubscriber()
            .SubscribeAsync(_store.Keys.JobEvents(jobId)).ConfigureAwait(false);
        return new JobEventSubscription(messages);
    }
}
