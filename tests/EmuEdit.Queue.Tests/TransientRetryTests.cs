using StackExchange.Redis;

namespace EmuEdit.Queue.Tests;

public sealed class TransientRetryTests
{
    [Fact]
    public async Task A_write_is_tried_again_after_transient_failures_with_doubling_pauses_up_to_the_cap()
    {
        var time = new RecordingTime();
        var retry = new TransientRetry(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(4), time);
        int calls = 0;
        var heard = new List<int>();
        int value = await retry.RunAsync(() =>
        {
            calls++;
            return calls switch
            {
                1 => throw new RedisConnectionException(ConnectionFailureType.SocketFailure, "server restarting"),
                <= 4 => throw new TimeoutException("no answer"),
                _ => Task.FromResult(42),
            };
        }, (_, attempt) => heard.Add(attempt), CancellationToken.None);

        Assert.Equal(42, value);
        Assert.Equal([1, 2, 3, 4], heard);
        Assert.Equal([1, 2, 4, 4], time.Delays.Select(d => d.TotalSeconds));
    }

    [Fact]
    public async Task Other_failures_are_not_retried()
    {
        var retry = new TransientRetry(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(1));
        int calls = 0;
        await Assert.ThrowsAsync<InvalidOperationException>(() => retry.RunAsync<int>(() =>
        {
            calls++;
            throw new InvalidOperationException("a bug, not the network");
        }, (_, _) => { }, CancellationToken.None));
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task Cancelling_ends_the_waiting_between_tries()
    {
        using var stop = new CancellationTokenSource();
        var retry = new TransientRetry(TimeSpan.FromHours(1), TimeSpan.FromHours(1));
        int calls = 0;
        Task<int> run = retry.RunAsync<int>(() =>
        {
            calls++;
            throw new TimeoutException("no answer");
        }, (_, _) => stop.CancelAfter(TimeSpan.FromMilliseconds(20)), stop.Token);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Equal(1, calls);
    }

    [Fact]
    public void Pauses_must_be_positive_and_the_cap_at_least_the_first()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TransientRetry(TimeSpan.Zero, TimeSpan.FromSeconds(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TransientRetry(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1)));
    }

    /// <summary>Records each pause asked for and lets it pass at once.</summary>
    private sealed class RecordingTime : TimeProvider
    {
        public List<TimeSpan> Delays { get; } = [];

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            lock (Delays) Delays.Add(dueTime);
            return System.CreateTimer(callback, state, TimeSpan.Zero, period);
        }
    }
}
