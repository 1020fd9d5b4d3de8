using StackExchange.Redis;

namespace EmuEdit.Queue;

/// <summary>
/// The work a queue has for its workers: jobs waiting in the ready list plus jobs workers hold (their
/// processing lists). Autoscaling wants both: the ready list alone reads zero while every worker is busy.
/// Retries waiting out their backoff are not counted; they join the ready list when due.
/// </summary>
public sealed record QueueDemand(long Ready, long InFlight)
{
    public long Total => Ready + InFlight;

    /// <summary>Reads the demand of the queue under <paramref name="keyPrefix"/> (one LLEN per registered worker).</summary>
    public static async Task<QueueDemand> ReadAsync(IConnectionMultiplexer connection, string keyPrefix, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentException.ThrowIfNullOrEmpty(keyPrefix);
        cancellationToken.ThrowIfCancellationRequested();
        IDatabase db = connection.GetDatabase();
        var keys = new QueueKeys(keyPrefix);
        Task<long> ready = db.ListLengthAsync(keys.Ready);
        RedisValue[] workers = await db.SetMembersAsync(keys.Workers).ConfigureAwait(false);
        long[] held = await Task.WhenAll(workers.Select(w => db.ListLengthAsync(keys.Processing(w.ToString())))).ConfigureAwait(false);
        return new QueueDemand(await ready.ConfigureAwait(false), held.Sum());
    }
}
