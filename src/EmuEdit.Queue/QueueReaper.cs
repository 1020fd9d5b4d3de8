using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace EmuEdit.Queue;

/// <summary>
/// Returns the jobs of dead workers (heartbeat key expired) to the front of the ready list and moves
/// due retries back to it. Any number of reapers may run at once: each job moves with one LMOVE or
/// one watched transaction, so none is returned twice.
/// </summary>
public sealed class QueueReaper
{
    private readonly QueueStore _store;
    private readonly ILogger _logger;

    public QueueReaper(IConnectionMultiplexer connection, JobQueueOptions options, TimeProvider? time = null, ILogger<QueueReaper>? logger = null)
    {
        _store = new QueueStore(connection, options, time ?? TimeProvider.System);
        _logger = logger ?? NullLogger<QueueReaper>.Instance;
    }

    /// <summary>One pass; returns how many jobs went back to the ready list (returned plus promoted).</summary>
    public async Task<int> ReapOnceAsync(CancellationToken cancellationToken = default)
    {
        IDatabase db = _store.Db;
        int returned = 0;
        foreach (RedisValue worker in await db.SetMembersAsync(_store.Keys.Workers).ConfigureAwait(false))
        {
            cancellationToken.ThrowIfCancellationRequested();
            string workerId = worker.ToString();
            if (await db.KeyExistsAsync(_store.Keys.Heartbeat(workerId)).ConfigureAwait(false))
            {
                continue;
            }
            returned += await ReturnJobsOfAsync(workerId).ConfigureAwait(false);
            await ForgetIfStillDeadAsync(workerId).ConfigureAwait(false);
        }
        return returned + await _store.PromoteDueRetriesAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Drops the worker from the set only while it is still silent and holds nothing: had it beaten
    /// and taken a job since the check, forgetting it would leave that job where no reaper looks.
    /// A worker that comes back later re-registers with its next heartbeat.
    /// </summary>
    private async Task ForgetIfStillDeadAsync(string workerId)
    {
        ITransaction tx = _store.Db.CreateTransaction();
        tx.AddCondition(Condition.KeyNotExists(_store.Keys.Heartbeat(workerId)));
        tx.AddCondition(Condition.ListLengthEqual(_store.Keys.Processing(workerId), 0));
        _ = tx.SetRemoveAsync(_store.Keys.Workers, workerId);
        await tx.ExecuteAsync().ConfigureAwait(false);
    }

    private async Task<int> ReturnJobsOfAsync(string workerId)
    {
        // Oldest claim first: a returned job has waited already and goes next.
        IReadOnlyList<string> returned = await _store.ReturnHeldJobsAsync(workerId, ListSide.Right, giveBackAttempt: false).ConfigureAwait(false);
        foreach (string id in returned)
        {
            QueueTelemetry.Reaped.Add(1);
            _logger.LogWarning("Worker {WorkerId} stopped heartbeating; job {JobId} went back to the ready list", workerId, id);
        }
        return returned.Count;
    }

    /// <summary>Reaps every <see cref="JobQueueOptions.ReaperInterval"/> until cancelled; for a hosted service.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_store.Options.ReaperInterval, _store.Time);
        try
        {
            do
            {
                try
                {
                    await ReapOnceAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception error) when (QueueFailures.IsTransient(error))
                {
                    // The server may be restarting; the next pass tries again.
                    _logger.LogWarning(error, "Queue reaper pass failed");
                }
            }
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
