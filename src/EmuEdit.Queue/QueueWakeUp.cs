using StackExchange.Redis;

namespace EmuEdit.Queue;

/// <summary>
/// Lets idle workers sleep until jobs arrive without a blocking command: StackExchange.Redis never
/// blocks its shared connection, so BLMOVE is not an option. Producers publish on the wake-up channel;
/// waiters also give up after the poll interval, which covers a missed message and due retries.
/// </summary>
internal sealed class QueueWakeUp : IAsyncDisposable
{
    private readonly ISubscriber _subscriber;
    private readonly RedisChannel _channel;
    private readonly Action<RedisChannel, RedisValue> _handler;
    private TaskCompletionSource _signal = NewSignal();

    private QueueWakeUp(ISubscriber subscriber, RedisChannel channel)
    {
        _subscriber = subscriber;
        _channel = channel;
        _handler = (_, _) => Signal();
    }

    public static async Task<QueueWakeUp> SubscribeAsync(IConnectionMultiplexer connection, RedisChannel channel)
    {
        var wakeUp = new QueueWakeUp(connection.GetSubscriber(), channel);
        await wakeUp._subscriber.SubscribeAsync(channel, wakeUp._handler).ConfigureAwait(false);
        return wakeUp;
    }

    /// <summary>Taken before looking at the queue, so a wake-up between the look and the wait is not lost.</summary>
    public Task NextSignal => Volatile.Read(ref _signal).Task;

    public async Task WaitAsync(Task signal, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        try
        {
            await signal.WaitAsync(timeout, time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // The poll interval passed: look again.
        }
    }

    private void Signal() => Interlocked.Exchange(ref _signal, NewSignal()).TrySetResult();

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Only this handler: other consumers on the same connection keep their wake-ups.
    public async ValueTask DisposeAsync() => await _subscriber.UnsubscribeAsync(_channel, _handler).ConfigureAwait(false);
}
