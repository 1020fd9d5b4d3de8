using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace EmuEdit.Queue;

/// <summary>
/// One worker's handle on the queue: takes jobs into its own processing list, keeps its heartbeat
/// alive, and completes, fails or cancels what it took. Delivery is at least once: if the heartbeat
/// lapses the reaper hands the job to another worker, and only the first completion is kept.
/// </summary>
public sealed class JobConsumer : IAsyncDisposable
{
    private readonly QueueStore _store;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _wakeUpGate = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private QueueWakeUp? _wakeUp;
    private (Task Signal, long At)? _emptyLook;
    private Task? _heartbeatLoop;
    private int _disposed;
    // Ids whose claim and hand back both failed: they sit in this worker's list, unknown to its owner, until
    // a later look hands them back (the reaper never looks while the heartbeat goes on).
    private readonly ConcurrentDictionary<string, byte> _stranded = new();

    public JobConsumer(
        IConnectionMultiplexer connection, JobQueueOptions options, string workerId,
        TimeProvider? time = null, ILogger<JobConsumer>? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workerId);
        _store = new QueueStore(connection, options, time ?? TimeProvider.System);
        _logger = logger ?? NullLogger<JobConsumer>.Instance;
        WorkerId = workerId;
    }

    public string WorkerId { get; }

    /// <summary>Renews this worker's heartbeat once and registers it where the reaper looks.</summary>
    public async Task HeartbeatAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        IDatabase db = _store.Db;
        await Task.WhenAll(
            db.StringSetAsync(_store.Keys.Heartbeat(WorkerId), _store.NowMs, _store.Options.HeartbeatTtl),
            db.SetAddAsync(_store.Keys.Workers, WorkerId)).ConfigureAwait(false);
    }

    /// <summary>Starts renewing the heartbeat every <see cref="JobQueueOptions.HeartbeatInterval"/> until disposed.</summary>
    public void StartHeartbeat()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        _heartbeatLoop ??= Task.Run(() => HeartbeatLoopAsync(_stopping.Token));
    }

    private async Task HeartbeatLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_store.Options.HeartbeatInterval, _store.Time);
        do
        {
            try
            {
                await HeartbeatAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception error) when (QueueFailures.IsTransient(error))
            {
                // One missed beat is survivable (the TTL spans several intervals); keep trying.
                _logger.LogWarning(error, "Heartbeat of worker {WorkerId} failed", WorkerId);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
        while (await WaitForTickAsync(timer, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<bool> WaitForTickAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>
    /// Takes the next job, or returns null when none is ready. Due retries are moved to the ready list
    /// (taken now if nothing else was ready, else in their turn); jobs cancelled, finished or out of
    /// attempts while they waited are settled and skipped.
    /// </summary>
    public async Task<JobLease?> TryDequeueAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await HandBackStrandedAsync().ConfigureAwait(false);
        // The look for due retries and the take go out together (one round trip, not three); the take is
        // one transaction with the heartbeat, so a job never sits in the processing list of a worker that
        // looks dead, even if the connection drops between the two.
        Task<int> promote = _store.PromoteDueRetriesAsync();
        RedisValue id = await BeatAndTakeAsync().ConfigureAwait(false);
        int promoted;
        try
        {
            promoted = await promote.ConfigureAwait(false);
        }
        catch (Exception error) when (!id.IsNull && QueueFailures.IsTransient(error))
        {
            // The take went through: the job is in this worker's list and must be claimed, not stranded
            // there by a failed promotion (the next look promotes again).
            _logger.LogWarning(error, "Promoting due retries failed while worker {WorkerId} took job {JobId}", WorkerId, id.ToString());
            promoted = 0;
        }
        if (promoted > 0 && id.IsNull)
        {
            id = await TakeNextAsync().ConfigureAwait(false);
        }
        while (true)
        {
            if (id.IsNull)
            {
                return null;
            }
            JobLease? lease = await ClaimOrHandBackAsync(id.ToString()).ConfigureAwait(false);
            if (lease is not null)
            {
                return lease;
            }
            cancellationToken.ThrowIfCancellationRequested();
            id = await TakeNextAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A claim that fails on the server (a timeout, a dropped connection) would leave the id in the list of a
    /// worker whose heartbeat goes on, where the reaper never looks: it goes back to the ready list first.
    /// </summary>
    private async Task<JobLease?> ClaimOrHandBackAsync(string jobId)
    {
        try
        {
            return await ClaimAsync(jobId).ConfigureAwait(false);
        }
        catch (Exception error) when (QueueFailures.IsTransient(error))
        {
            try
            {
                await HandBackOneAsync(jobId).ConfigureAwait(false);
                _logger.LogWarning(error, "Claiming job {JobId} failed; handed it back to the ready list", jobId);
            }
            catch (Exception handBackError) when (QueueFailures.IsTransient(handBackError))
            {
                _stranded.TryAdd(jobId, 0);
                _logger.LogError(handBackError, "Claiming job {JobId} failed and so did handing it back; worker {WorkerId} tries again at its next look", jobId, WorkerId);
            }
            throw;
        }
    }

    private async Task HandBackStrandedAsync()
    {
        foreach (string jobId in _stranded.Keys)
        {
            // A failure here fails the take that follows too; the id stays listed for the next look.
            if (await HandBackIfHeldAsync(jobId).ConfigureAwait(false))
                _logger.LogWarning("Job {JobId}, stranded by a failed claim, went back to the ready list", jobId);
            _stranded.TryRemove(jobId, out _);
        }
    }

    /// <summary>
    /// <see cref="HandBackOneAsync"/> only while the id is still in this worker's list: the hand back that timed out
    /// may have gone through on the server, and pushing the id a second time would let two workers run the job.
    /// </summary>
    private async Task<bool> HandBackIfHeldAsync(string jobId)
    {
        RedisKey processing = _store.Keys.Processing(WorkerId);
        for (int round = 1; round <= _store.Options.ConflictRetries; round++)
        {
            RedisValue[] held = await _store.Db.ListRangeAsync(processing).ConfigureAwait(false);
            int index = Array.IndexOf(held, (RedisValue)jobId);
            if (index < 0)
            {
                return false;
            }
            ITransaction handBack = _store.Db.CreateTransaction();
            handBack.AddCondition(Condition.ListIndexEqual(processing, index, jobId));
            _ = handBack.ListRemoveAsync(processing, jobId);
            _ = handBack.ListRightPushAsync(_store.Keys.Ready, jobId);
            if (await handBack.ExecuteAsync().ConfigureAwait(false))
            {
                return true;
            }
            // The list moved under us (another job taken or finished): look again.
        }
        return false;
    }

    /// <summary>Moves a taken id from this worker's processing list to the taking end of the ready list, atomically.</summary>
    private Task HandBackOneAsync(string jobId)
    {
        ITransaction handBack = _store.Db.CreateTransaction();
        _ = handBack.ListRemoveAsync(_store.Keys.Processing(WorkerId), jobId);
        _ = handBack.ListRightPushAsync(_store.Keys.Ready, jobId);
        return handBack.ExecuteAsync();
    }

    private async Task<RedisValue> BeatAndTakeAsync()
    {
        ITransaction take = _store.Db.CreateTransaction();
        _ = take.StringSetAsync(_store.Keys.Heartbeat(WorkerId), _store.NowMs, _store.Options.HeartbeatTtl);
        _ = take.SetAddAsync(_store.Keys.Workers, WorkerId);
        Task<RedisValue> moved = take.ListMoveAsync(_store.Keys.Ready, _store.Keys.Processing(WorkerId), ListSide.Right, ListSide.Left);
        await take.ExecuteAsync().ConfigureAwait(false);
        return await moved.ConfigureAwait(false);
    }

    private Task<RedisValue> TakeNextAsync() =>
        _store.Db.ListMoveAsync(_store.Keys.Ready, _store.Keys.Processing(WorkerId), ListSide.Right, ListSide.Left);

    /// <summary>
    /// <see cref="TryDequeueAsync"/> for a worker that is busy and asks between sampling steps: after a look
    /// that found nothing it looks again only once a wake-up arrived or the poll interval passed. Every path
    /// that makes a job ready publishes a wake-up, and due retries are covered by the interval, so this
    /// takes the same jobs while sparing the server three round trips per step (the heartbeat has its own loop).
    /// </summary>
    public async Task<JobLease?> TryDequeueWhenSignalledAsync(CancellationToken cancellationToken = default)
    {
        QueueWakeUp wakeUp = await GetWakeUpAsync().ConfigureAwait(false);
        if (_emptyLook is { } look && !look.Signal.IsCompleted
            && _store.Time.GetElapsedTime(look.At) < _store.Options.PollInterval)
        {
            return null;
        }
        Task signal = wakeUp.NextSignal;
        long at = _store.Time.GetTimestamp();
        JobLease? lease = await TryDequeueAsync(cancellationToken).ConfigureAwait(false);
        _emptyLook = lease is null ? (signal, at) : null;
        return lease;
    }

    /// <summary>Waits for the next job: looks, then sleeps until a wake-up or the poll interval, and looks again.</summary>
    public async Task<JobLease> DequeueAsync(CancellationToken cancellationToken = default)
    {
        QueueWakeUp wakeUp = await GetWakeUpAsync().ConfigureAwait(false);
        while (true)
        {
            Task signal = wakeUp.NextSignal;
            JobLease? lease = await TryDequeueAsync(cancellationToken).ConfigureAwait(false);
            if (lease is not null)
            {
                return lease;
            }
            await wakeUp.WaitAsync(signal, _store.Options.PollInterval, _store.Time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<QueueWakeUp> GetWakeUpAsync()
    {
        if (_wakeUp is not null)
        {
            return _wakeUp;
        }
        await _wakeUpGate.WaitAsync().ConfigureAwait(false);
        try
        {
            return _wakeUp ??= await QueueWakeUp.SubscribeAsync(_store.Connection, _store.Keys.ReadyWakeUp).ConfigureAwait(false);
        }
        finally
        {
            _wakeUpGate.Release();
        }
    }

    private async Task<JobLease?> ClaimAsync(string jobId)
    {
        for (int round = 1; ; round++)
        {
            JobRecord? job = await _store.ReadJobAsync(jobId).ConfigureAwait(false);
            if (job is null || job.State.IsTerminal())
            {
                // Expired, or finished by another worker while this copy waited (a reaped duplicate).
                await _store.Db.ListRemoveAsync(_store.Keys.Processing(WorkerId), jobId).ConfigureAwait(false);
                return null;
            }
            if (job.CancelRequested)
            {
                await FinishAsync(jobId, JobState.Cancelled, JobEventKind.Cancelled, job.Attempts, null).ConfigureAwait(false);
                return null;
            }
            if (job.Attempts >= _store.Options.MaxAttempts)
            {
                // Started that often and never finished: its workers died on it. A poison job must not loop forever.
                string error = $"abandoned by its worker on each of {job.Attempts} attempts";
                await FinishAsync(jobId, JobState.Failed, JobEventKind.Failed, job.Attempts, error).ConfigureAwait(false);
                return null;
            }

            JobLease? lease = await TryClaimOnceAsync(jobId, job).ConfigureAwait(false);
            if (lease is not null)
            {
                return lease;
            }
            if (round >= _store.Options.ConflictRetries)
            {
                // Still contended after every retry: hand it back to the front of the ready list for the next taker.
                await HandBackOneAsync(jobId).ConfigureAwait(false);
                _logger.LogWarning("Job {JobId}: claim lost {Rounds} races in a row; handed back to the ready list.", jobId, round);
                return null;
            }
            // Lost a race (cancelled, finished, or merely written to between WATCH and EXEC): look again.
        }
    }

    private async Task<JobLease?> TryClaimOnceAsync(string jobId, JobRecord job)
    {
        RedisKey key = _store.Keys.Job(jobId);
        ITransaction tx = _store.Db.CreateTransaction();
        tx.AddCondition(Condition.HashExists(key, JobFields.State));
        tx.AddCondition(Condition.HashNotExists(key, JobFields.FinishedAt));
        tx.AddCondition(Condition.HashNotExists(key, JobFields.CancelRequested));
        Task<long> attempts = tx.HashIncrementAsync(key, JobFields.Attempts);
        _ = tx.HashSetAsync(key,
        [
            new HashEntry(JobFields.State, JobState.Running.ToField()),
            new HashEntry(JobFields.Worker, WorkerId),
            new HashEntry(JobFields.StartedAt, _store.NowMs),
        ]);
        // Read in the same transaction: the claim costs no extra round trip for the payload.
        Task<RedisValue> payload = tx.HashGetAsync(key, JobFields.Payload);
        if (!await tx.ExecuteAsync().ConfigureAwait(false))
        {
            return null;
        }

        int attempt = (int)await attempts.ConfigureAwait(false);
        // Not waited for: the event is advisory (followers re-read the hash), and the job's work can start
        // while it travels. Later events of this job leave on the same connection, after it.
        _store.PublishInBackground(_store.Event(jobId, JobEventKind.Started, attempt));
        return new JobLease(jobId, WorkerId, attempt, (byte[]?)await payload.ConfigureAwait(false) ?? [], job.TraceParent, job.TraceState);
    }

    /// <summary>
    /// Stores the result and marks the job succeeded, once: returns false when the job was already
    /// finished (another worker completed it after a reap, or it was cancelled) and leaves that outcome alone.
    /// </summary>
    public async Task<bool> CompleteAsync(string jobId, ReadOnlyMemory<byte> result, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        RedisKey resultKey = _store.Keys.Result(jobId);
        // A producer may have asked for its own lifetime (a session turn's result lives as long as its session).
        RedisValue asked = await _store.Db.HashGetAsync(_store.Keys.Job(jobId), JobFields.ResultTtl).ConfigureAwait(false);
        TimeSpan resultTtl = asked.IsNullOrEmpty ? _store.Options.ResultTtl : TimeSpan.FromMilliseconds((long)asked);
        bool completed = await _store.TryFinishAsync(jobId, JobState.Succeeded, WorkerId, extra: tx =>
        {
            tx.AddCondition(Condition.KeyNotExists(resultKey));
            _ = tx.StringSetAsync(resultKey, result, resultTtl);
        }).ConfigureAwait(false);
        if (completed)
        {
            await _store.PublishAsync(_store.Event(jobId, JobEventKind.Succeeded)).ConfigureAwait(false);
        }
        return completed;
    }

    /// <summary>
    /// Records a failed attempt. Retryable failures with attempts left wait in the delayed set for
    /// their backoff; the rest go to the dead-letter list. Only the job's current holder can fail it: a
    /// worker whose job was reaped and handed on must not disturb the new run. Returns the job's state after.
    /// </summary>
    public async Task<JobState> FailAsync(string jobId, string error, bool retryable = true, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ArgumentNullException.ThrowIfNull(error);
        RedisKey key = _store.Keys.Job(jobId);
        int attempts = (int)await _store.Db.HashGetAsync(key, JobFields.Attempts).ConfigureAwait(false);

        bool recorded;
        JobEventKind kind;
        if (retryable && attempts < _store.Options.MaxAttempts)
        {
            long dueMs = _store.NowMs + (long)RetryBackoff.Delay(attempts, _store.Options, Random.Shared).TotalMilliseconds;
            ITransaction Build()
            {
                ITransaction tx = _store.Db.CreateTransaction();
                tx.AddCondition(Condition.HashExists(key, JobFields.State));
                tx.AddCondition(Condition.HashNotExists(key, JobFields.FinishedAt));
                tx.AddCondition(Condition.HashEqual(key, JobFields.Worker, WorkerId));
                _ = tx.SortedSetAddAsync(_store.Keys.Delayed, jobId, dueMs);
                _ = tx.HashSetAsync(key,
                [
                    new HashEntry(JobFields.State, JobState.RetryScheduled.ToField()),
                    new HashEntry(JobFields.Error, error),
                    new HashEntry(JobFields.NextAttemptAt, dueMs),
                ]);
                _ = tx.HashDeleteAsync(key, JobFields.Worker);
                _ = tx.ListRemoveAsync(_store.Keys.Processing(WorkerId), jobId);
                return tx;
            }
            recorded = await _store.CommitAsync(jobId, Build, now => now is { FinishedAt: null } && now.Worker == WorkerId).ConfigureAwait(false);
            kind = JobEventKind.RetryScheduled;
        }
        else
        {
            recorded = await _store.TryFinishAsync(jobId, JobState.Failed, WorkerId, error, DeadLetter(jobId), holder: WorkerId).ConfigureAwait(false);
            kind = JobEventKind.Failed;
        }

        if (!recorded)
        {
            await _store.Db.ListRemoveAsync(_store.Keys.Processing(WorkerId), jobId).ConfigureAwait(false);
            return (await _store.ReadJobAsync(jobId).ConfigureAwait(false))?.State ?? JobState.Failed;
        }
        await _store.PublishAsync(_store.Event(jobId, kind, attempts, error)).ConfigureAwait(false);
        return kind == JobEventKind.RetryScheduled ? JobState.RetryScheduled : JobState.Failed;
    }

    /// <summary>Whether a client asked to cancel this job; workers check between sampler steps.</summary>
    public async Task<bool> IsCancellationRequestedAsync(string jobId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return await _store.Db.HashExistsAsync(_store.Keys.Job(jobId), JobFields.CancelRequested).ConfigureAwait(false);
    }

    /// <summary>The worker stopped the job because cancellation was requested: settle it as cancelled.</summary>
    public async Task<bool> AcknowledgeCancellationAsync(string jobId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return await FinishAsync(jobId, JobState.Cancelled, JobEventKind.Cancelled, 0, null).ConfigureAwait(false);
    }

    /// <summary>Publishes a progress event (with an optional encoded preview image; empty = none) and records the step on the job.</summary>
    public async Task ReportProgressAsync(
        string jobId, int step, int totalSteps, ReadOnlyMemory<byte>? preview = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var progress = new JobEvent(jobId, JobEventKind.Progress, _store.NowMs, Step: step, TotalSteps: totalSteps, Preview: preview is { IsEmpty: false } image ? image.ToArray() : null);
        // One write at a time, not pipelined with the event: every write to the job hash aborts a concurrent
        // WATCHed transaction (a client's cancel), and back-to-back writes could starve it past its retries.
        await _store.Db.HashSetAsync(_store.Keys.Job(jobId),
            [new HashEntry(JobFields.Step, step), new HashEntry(JobFields.TotalSteps, totalSteps)]).ConfigureAwait(false);
        await _store.PublishAsync(progress).ConfigureAwait(false);
    }

    /// <summary>
    /// Returns every job this worker still holds to the ready list now, at its right end (they go next),
    /// marked queued, and gives back the attempt each claim counted: a worker stopped on purpose (scaled
    /// down, redeployed) did not fail its jobs, so a scale-down never moves a job closer to the dead-letter
    /// list. It is what the reaper does for a dead worker, without waiting for a reaper pass. Each job
    /// moves with one LMOVE, so one racing a reaper is returned once. Returns how many went back.
    /// </summary>
    public async Task<int> HandBackAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        // Newest claim first onto the taking end, so the oldest ends up nearest it and is taken first again.
        IReadOnlyList<string> returned = await _store.ReturnHeldJobsAsync(WorkerId, ListSide.Left, giveBackAttempt: true).ConfigureAwait(false);
        foreach (string id in returned)
        {
            _logger.LogInformation("Worker {WorkerId} handed job {JobId} back to the ready list", WorkerId, id);
        }
        return returned.Count;
    }

    /// <summary>
    /// For a worker starting up: returns to the ready list the jobs an earlier process under this worker id
    /// left in its processing list. A container restarted after a crash keeps its name (a pod's), and its new
    /// heartbeat would otherwise keep the reaper away from them for good. Each counts the attempt it spent, as
    /// a reaped job does, so a job that crashes its workers still ends in the dead-letter list. Call it before
    /// taking jobs; worker ids must be unique among live workers. Returns how many went back.
    /// </summary>
    public async Task<int> RecoverAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        IReadOnlyList<string> returned = await _store.ReturnHeldJobsAsync(WorkerId, ListSide.Right, giveBackAttempt: false).ConfigureAwait(false);
        foreach (string id in returned)
        {
            QueueTelemetry.Reaped.Add(1);
            _logger.LogWarning("Worker {WorkerId} started with job {JobId} left by its previous run; it went back to the ready list", WorkerId, id);
        }
        return returned.Count;
    }

    /// <summary>
    /// Publishes a progress event carrying <paramref name="detail"/>, a short text whose meaning the producer
    /// and its readers agree on (a task registration's loss, say), and records it on the job with the step.
    /// </summary>
    public async Task ReportProgressAsync(string jobId, int step, int totalSteps, string detail, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(detail);
        cancellationToken.ThrowIfCancellationRequested();
        await _store.Db.HashSetAsync(_store.Keys.Job(jobId),
            [new HashEntry(JobFields.Step, step), new HashEntry(JobFields.TotalSteps, totalSteps), new HashEntry(JobFields.ProgressDetail, detail)]).ConfigureAwait(false);
        await _store.PublishAsync(new JobEvent(jobId, JobEventKind.Progress, _store.NowMs, Step: step, TotalSteps: totalSteps, Message: detail)).ConfigureAwait(false);
    }

    private async Task<bool> FinishAsync(string jobId, JobState state, JobEventKind kind, int attempt, string? error)
    {
        Action<ITransaction>? deadLetter = state == JobState.Failed ? DeadLetter(jobId) : null;
        bool finished = await _store.TryFinishAsync(jobId, state, WorkerId, error, deadLetter).ConfigureAwait(false);
        if (finished)
        {
            await _store.PublishAsync(_store.Event(jobId, kind, attempt, error)).ConfigureAwait(false);
        }
        return finished;
    }

    private Action<ITransaction> DeadLetter(string jobId) => tx => tx.ListLeftPushAsync(_store.Keys.DeadLetter, jobId);

    /// <summary>
    /// Stops the heartbeat and deletes the heartbeat key, so jobs still held go back to the ready list
    /// at the reaper's next pass instead of after the heartbeat TTL.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_heartbeatLoop is not null)
        {
            await _heartbeatLoop.ConfigureAwait(false);
        }
        await _store.Db.KeyDeleteAsync(_store.Keys.Heartbeat(WorkerId)).ConfigureAwait(false);
        if (_wakeUp is not null)
        {
            await _wakeUp.DisposeAsync().ConfigureAwait(false);
        }
        _stopping.Dispose();
        _wakeUpGate.Dispose();
    }
}
