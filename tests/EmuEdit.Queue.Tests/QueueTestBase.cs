using System.Text;
using StackExchange.Redis;

namespace EmuEdit.Queue.Tests;

/// <summary>Per-test isolation on a shared server: a fresh key prefix, short timings, and disposal of consumers.</summary>
public abstract class QueueTestBase(IServerFixture server) : IAsyncLifetime
{
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly List<JobConsumer> _consumers = [];

    protected IConnectionMultiplexer Connection => server.Connection;

    protected JobQueueOptions Options { get; } = new()
    {
        KeyPrefix = $"test:{Guid.NewGuid():N}:",
        HeartbeatInterval = TimeSpan.FromMilliseconds(100),
        HeartbeatTtl = TimeSpan.FromMilliseconds(400),
        ReaperInterval = TimeSpan.FromMilliseconds(100),
        PollInterval = TimeSpan.FromMilliseconds(200),
        MaxAttempts = 3,
        RetryBaseDelay = TimeSpan.FromMilliseconds(150),
        RetryMaxDelay = TimeSpan.FromSeconds(2),
        RetryJitter = 0,
    };

    protected QueueKeys Keys => new(Options.KeyPrefix);

    protected IDatabase Db => Connection.GetDatabase();

    protected JobQueue Queue() => new(Connection, Options);

    protected JobConsumer Consumer(string workerId, TimeSpan? heartbeatTtl = null)
    {
        JobQueueOptions options = Options;
        if (heartbeatTtl is { } ttl)
        {
            options = Copy(Options);
            options.HeartbeatTtl = ttl;
        }
        var consumer = new JobConsumer(Connection, options, workerId);
        _consumers.Add(consumer);
        return consumer;
    }

    private static JobQueueOptions Copy(JobQueueOptions o) => new()
    {
        KeyPrefix = o.KeyPrefix,
        HeartbeatInterval = o.HeartbeatInterval,
        HeartbeatTtl = o.HeartbeatTtl,
        ReaperInterval = o.ReaperInterval,
        PollInterval = o.PollInterval,
        MaxAttempts = o.MaxAttempts,
        RetryBaseDelay = o.RetryBaseDelay,
        RetryMaxDelay = o.RetryMaxDelay,
        RetryJitter = o.RetryJitter,
        ResultTtl = o.ResultTtl,
        JobTtl = o.JobTtl,
        IdempotencyTtl = o.IdempotencyTtl,
        MaxReadyLength = o.MaxReadyLength,
        PromoteBatchSize = o.PromoteBatchSize,
        ConflictRetries = o.ConflictRetries,
    };

    protected static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    protected static string Text(ReadOnlyMemory<byte> bytes) => Encoding.UTF8.GetString(bytes.Span);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (JobConsumer consumer in _consumers)
        {
            await consumer.DisposeAsync();
        }
    }
}
