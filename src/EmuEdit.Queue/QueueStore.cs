using StackExchange.Redis;

namespace EmuEdit.Queue;

/// <summary>
/// What the producer, worker and reaper sides share: keys, clock, job reads, events and the
/// transitions more than one side performs. Every multi-key change is one MULTI/EXEC, guarded by
/// WATCH conditions where two parties may race (the conditions are what make completion and the
/// other terminal transitions happen once).
/// </summary>
internal sealed class QueueStore
{
    public QueueStore(IConnectionMultiplexer connection, JobQueueOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Connection = connection;
        Options = options;
        Time = time;
        Keys = new QueueKeys(options.KeyPrefix);
    }

    public IConnectionMultiplexer Connection { get; }
    public IDatabase Db => Connection.GetDatabase();
    public JobQueueOptions Options { get; }
    public TimeProvider Time { get; }
    public QueueKeys Keys { get; }

    public long NowMs => Time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>The fields a <see cref="JobRecord"/> is made of, the state first.</summary>
    private static readonly RedisValue[] RecordFields =
    [
        JobFields.State, JobFields.Attempts, JobFields.CreatedAt, JobFields.StartedAt, JobFields.FinishedAt, JobFields.NextAttemptAt,
        JobFields.Worker, JobFields.Error, JobFields.CancelRequested, JobFields.Step, JobFields.TotalSteps, JobFields.TraceParent,
        JobFields.TraceState, JobFields.IdempotencyKey, JobFields.ProgressDetail, JobFields.Label, JobFields.ResultTtl,
    ];

    public async Task<JobRecord?> ReadJobAsync(string jobId)
    {
        // The record's fields by name, not the whole hash: the payload (the input image, megabytes) is no part
        // of a record, and records are read on every status poll of every open edit stream.
        RedisValue[] values = await Db.HashGetAsync(Keys.Job(jobId), RecordFields).ConfigureAwait(false);
        if (values[0].IsNull)
        {
            return null;
        }
        var fields = new Dictionary<string, RedisValue>(RecordFields.Length);
        for (int i = 0; i < RecordFields.Length; i++)
        {
            if (!values[i].IsNull) fields[RecordFields[i].ToString()] = values[i];
        }
        RedisValue state = values[0];
        return new JobRecord(
            jobId,
            JobStates.Parse(state.ToString()),
            Int(fields, JobFields.Attempts),
            At(fields, JobFields.CreatedAt) ?? DateTimeOffset.UnixEpoch,
            At(fields, JobFields.StartedAt),
            At(fields, JobFields.FinishedAt),
            At(fields, JobFields.NextAttemptAt),
            Text(fields, JobFields.Worker),
            Text(fields, JobFields.Error),
            fields.ContainsKey(JobFields.CancelRequested),
            Int(fields, JobFields.Step),
            Int(fields, JobFields.TotalSteps),
            Text(fields, JobFields.TraceParent),
            Text(fields, JobFields.TraceState),
            Text(fields, JobFields.IdempotencyKey),
            Text(fields, JobFields.ProgressDetail),
            Text(fields, JobFields.Label),
            fields.TryGetValue(JobFields.ResultTtl, out RedisValue ttl) && !ttl.IsNullOrEmpty ? TimeSpan.FromMilliseconds((long)ttl) : null);

        static int Int(Dictionary<string, RedisValue> f, string name) => f.TryGetValue(name, out RedisValue v) ? (int)v : 0;
        static string? Text(Dictionary<string, RedisValue> f, string name) =>
            f.TryGetValue(name, out RedisValue v) && !v.IsNullOrEmpty ? v.ToString() : null;
        static DateTimeOffset? At(Dictionary<string, RedisValue> f, string name) =>
            f.TryGetValue(name, out RedisValue v) && !v.IsNullOrEmpty ? DateTimeOffset.FromUnixTimeMilliseconds((long)v) : null;
    }

    /// <summary>Publishes a job's event; state changes (not progress) are also counted for the dashboards.</summary>
    public Task PublishAsync(JobEvent jobEvent)
    {
        if (jobEvent.Kind != JobEventKind.Progress)
        {
            QueueTelemetry.Transitions.Add(1, new KeyValuePair<string, object?>("kind", jobEvent.Kind.ToString()));
        }
        return Connection.GetSubscriber().PublishAsync(Keys.JobEvents(jobEvent.JobId), jobEvent.Serialize());
    }

    /// <summary>
    /// Publishes without waiting for the server's answer (fire and forget), for advisory events whose
    /// sender has nothing to do on failure: followers re-read the job's hash on their poll interval.
    /// </summary>
    public void PublishInBackground(JobEvent jobEvent)
    {
        QueueTelemetry.Transitions.Add(1, new KeyValuePair<string, object?>("kind", jobEvent.Kind.ToString()));
        Connection.GetSubscriber().Publish(Keys.JobEvents(jobEvent.JobId), jobEvent.Serialize(), CommandFlags.FireAndForget);
    }

    public JobEvent Event(string jobId, JobEventKind kind, int attempt = 0, string? message = null) =>
        new(jobId, kind, NowMs, Attempt: attempt, Message: message);

    public Task WakeWorkersAsync() =>
        Connection.GetSubscriber().PublishAsync(Keys.ReadyWakeUp, RedisValue.EmptyString);

    /// <summary>
    /// Moves a job to a terminal state once: only while the job exists and has no finished_at. Also
    /// drops it from <paramref name="processingWorker"/>'s list and lets the hash expire. With
    /// <paramref name="holder"/>, only while that worker holds the job.
    /// Returns false when another party finished it first.
    /// </summary>
    public async Task<bool> TryFinishAsync(
        string jobId, JobState state, string? processingWorker, string? error = null, Action<ITransaction>? extra = null, string? holder = null)
    {
        bool committed = await CommitAsync(
            jobId,
            () => FinishTransaction(jobId, state, processingWorker, error, extra, holder),
            now => now is { FinishedAt: null } && (holder is null || now.Worker == holder)).ConfigureAwait(false);
        if (!committed && processingWorker is not null)
        {
            await Db.ListRemoveAsync(Keys.Processing(processingWorker), jobId).ConfigureAwait(false);
        }
        return committed;
    }

    /// <summary>
    /// Executes a conditional transaction on one job, rebuilding and retrying it (up to
    /// <see cref="JobQueueOptions.ConflictRetries"/> times) while the job, read after a failed EXEC, says
    /// the write still applies: WATCH aborts on any concurrent write to the job (a cancel flag, a progress
    /// step), not only on one that breaks the conditions.
    /// </summary>
    public async Task<bool> CommitAsync(string jobId, Func<ITransaction> build, Func<JobRecord?, bool> stillApplies)
    {
        for (int attempt = 1; ; attempt++)
        {
            if (await build().ExecuteAsync().ConfigureAwait(false))
            {
                return true;
            }
            if (attempt >= Options.ConflictRetries || !stillApplies(await ReadJobAsync(jobId).ConfigureAwait(false)))
            {
                return false;
            }
        }
    }

    private ITransaction FinishTransaction(
        string jobId, JobState state, string? processingWorker, string? error, Action<ITransaction>? extra, string? holder)
    {
        RedisKey job = Keys.Job(jobId);
        ITransaction tx = Db.CreateTransaction();
        tx.AddCondition(Condition.HashExists(job, JobFields.State));
        tx.AddCondition(Condition.HashNotExists(job, JobFields.FinishedAt));
        if (holder is not null)
        {
            tx.AddCondition(Condition.HashEqual(job, JobFields.Worker, holder));
        }
        var fields = new List<HashEntry>
        {
            new(JobFields.State, state.ToField()),
            new(JobFields.FinishedAt, NowMs),
        };
        if (error is not null)
        {
            fields.Add(new HashEntry(JobFields.Error, error));
        }
        _ = tx.HashSetAsync(job, [.. fields]);
        extra?.Invoke(tx);
        if (state != JobState.Failed)
        {
            // Failed jobs sit in the dead-letter list; their hash stays for whoever inspects it.
            _ = tx.KeyExpireAsync(job, Options.JobTtl);
        }
        if (processingWorker is not null)
        {
            _ = tx.ListRemoveAsync(Keys.Processing(processingWorker), jobId);
        }
        return tx;
    }

    /// <summary>Moves retries whose time has come to the front of the ready list; returns how many.</summary>
    public async Task<int> PromoteDueRetriesAsync()
    {
        RedisValue[] due = await Db.SortedSetRangeByScoreAsync(
            Keys.Delayed, double.NegativeInfinity, NowMs, take: Options.PromoteBatchSize).ConfigureAwait(false);
        int promoted = 0;
        foreach (RedisValue id in due)
        {
            // The WATCH on the sorted set lets exactly one of several racing promoters move each job.
            ITransaction tx = Db.CreateTransaction();
            tx.AddCondition(Condition.SortedSetContains(Keys.Delayed, id));
            _ = tx.SortedSetRemoveAsync(Keys.Delayed, id);
            _ = tx.ListRightPushAsync(Keys.Ready, id);
            if (!await tx.ExecuteAsync().ConfigureAwait(false))
            {
                continue;
            }
            promoted++;
            await MarkQueuedAsync(id.ToString()).ConfigureAwait(false);
        }
        if (promoted > 0)
        {
            await WakeWorkersAsync().ConfigureAwait(false);
        }
        return promoted;
    }

    /// <summary>
    /// Back to QUEUED after a retry wait (<paramref name="heldBy"/> null: only while the job still waits
    /// for its retry) or from a worker that no longer runs it (<paramref name="heldBy"/>: only while the job
    /// still names that worker), unless it finished meanwhile. The condition matters because the job is
    /// already on the ready list: a worker may have claimed it since, and its claim must not be undone.
    /// With <paramref name="giveBackAttempt"/> (a worker handing back at shutdown) the attempt its claim
    /// counted is given back too.
    /// </summary>
    public async Task MarkQueuedAsync(string jobId, string? heldBy = null, bool giveBackAttempt = false)
    {
        RedisKey job = Keys.Job(jobId);
        bool giveBack = false;
        ITransaction Build()
        {
            ITransaction tx = Db.CreateTransaction();
            tx.AddCondition(Condition.HashExists(job, JobFields.State));
            tx.AddCondition(Condition.HashNotExists(job, JobFields.FinishedAt));
            tx.AddCondition(heldBy is null
                ? Condition.HashEqual(job, JobFields.State, JobState.RetryScheduled.ToField())
                : Condition.HashEqual(job, JobFields.Worker, heldBy));
            if (giveBack)
            {
                _ = tx.HashDecrementAsync(job, JobFields.Attempts);
            }
            _ = tx.HashSetAsync(job, [new HashEntry(JobFields.State, JobState.Queued.ToField())]);
            _ = tx.HashDeleteAsync(job, [JobFields.Worker, JobFields.NextAttemptAt]);
            return tx;
        }
        bool StillApplies(JobRecord? now)
        {
            // Decided from the job as read, so a retry after a lost race re-decides rather than failing for good.
            giveBack = giveBackAttempt && now is { Attempts: > 0 };
            return now is { FinishedAt: null }
                && (heldBy is null ? now.State == JobState.RetryScheduled : now.Worker == heldBy);
        }
        if (!StillApplies(await ReadJobAsync(jobId).ConfigureAwait(false)))
        {
            return;
        }
        if (await CommitAsync(jobId, Build, StillApplies).ConfigureAwait(false))
        {
            await PublishAsync(Event(jobId, JobEventKind.Queued)).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Moves every id in <paramref name="workerId"/>'s processing list to the taking end of the ready list, one
    /// LMOVE each (so a job raced for by two callers moves once), marks each queued while it still names that
    /// worker, and wakes the workers if any moved. <paramref name="from"/> picks which claim moves first:
    /// Right (oldest) leaves the newest nearest the taking end, Left the oldest. Returns the ids moved.
    /// </summary>
    public async Task<IReadOnlyList<string>> ReturnHeldJobsAsync(string workerId, ListSide from, bool giveBackAttempt)
    {
        var returned = new List<string>();
        while (true)
        {
            RedisValue id = await Db.ListMoveAsync(Keys.Processing(workerId), Keys.Ready, from, ListSide.Right).ConfigureAwait(false);
            if (id.IsNull)
            {
                break;
            }
            returned.Add(id.ToString());
            await MarkQueuedAsync(id.ToString(), heldBy: workerId, giveBackAttempt).ConfigureAwait(false);
        }
        if (returned.Count > 0)
        {
            await WakeWorkersAsync().ConfigureAwait(false);
        }
        return returned;
    }
}
