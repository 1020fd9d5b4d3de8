namespace EmuEdit.Queue.Tests;

/// <summary>
/// A redis-server at its maxmemory with noeviction (how k8s/base/redis.yaml runs it) refuses enqueues in a way
/// <see cref="QueueFailures.IsOutOfMemory"/> recognises, so the gateway answers RESOURCE_EXHAUSTED, not UNKNOWN.
/// </summary>
public sealed class OutOfMemoryTests : IDisposable
{
    private readonly RedisServerFixture _server = new();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task An_enqueue_over_maxmemory_is_recognised_as_out_of_memory_with_or_without_an_idempotency_key()
    {
        foreach (var endpoint in _server.Connection.GetEndPoints())
        {
            var redis = _server.Connection.GetServer(endpoint);
            await redis.ExecuteAsync("CONFIG", "SET", "maxmemory", "2mb");
            await redis.ExecuteAsync("CONFIG", "SET", "maxmemory-policy", "noeviction");
        }
        var queue = new JobQueue(_server.Connection, new JobQueueOptions { KeyPrefix = "oom-" + Guid.NewGuid().ToString("N") });
        var payload = new byte[512 * 1024];
        var refused = new List<(bool Keyed, Exception Error)>();
        for (int i = 0; i < 24; i++)
        {
            string? key = i % 2 == 0 ? null : "key-" + i;
            try { await queue.EnqueueAsync(payload, key); }
            catch (Exception error) { refused.Add((key is not null, error)); }
        }
        Assert.Contains(refused, r => r.Keyed);
        Assert.Contains(refused, r => !r.Keyed);
        Assert.All(refused, r => Assert.True(QueueFailures.IsOutOfMemory(r.Error), $"{r.Error.GetType().Name}: {r.Error.Message}"));
    }
}
