using System.Buffers.Binary;
using EmuEdit.DiffusionWorker.Tests.Support;
using EmuEdit.GarnetHost;
using EmuEdit.Pipeline.Tasks;
using EmuEdit.Queue;
using StackExchange.Redis;

namespace EmuEdit.DiffusionWorker.Tests;

/// <summary>A worker's view of the task registry over a real Redis-protocol server, events lost or not.</summary>
public sealed class TaskRegistryWatchTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly JobQueueOptions _options = new() { KeyPrefix = $"registry-watch-{Guid.NewGuid():N}:" };
    private EmbeddedGarnetServer _garnet = null!;
    private ConnectionMultiplexer _connection = null!;

    public async Task InitializeAsync()
    {
        _garnet = EmbeddedGarnetServer.Start(new EmbeddedGarnetOptions { Port = FreePort.Next() });
        _connection = await ConnectionMultiplexer.ConnectAsync(_garnet.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await _connection.DisposeAsync();
        _garnet.Dispose();
    }

    private static byte[] Bytes(float value) => [.. Enumerable.Repeat(value, 4).SelectMany(v =>
    {
        var b = new byte[4];
        BinaryPrimitives.WriteSingleLittleEndian(b, v);
        return b;
    })];

    /// <summary>A worker's resolver (one built-in task) watching the registry, looking at its version every 100 ms.</summary>
    private (TaskRegistryStore Registry, TaskVectorResolver Resolver, Task Watch) StartWatch(CancellationToken stop)
    {
        var registry = new TaskRegistryStore(_connection, _options);
        var resolver = new TaskVectorResolver(["global"], [new float[4]]);
        return (registry, resolver, resolver.WatchAsync(registry, TimeSpan.FromMilliseconds(100), stop));
    }

    private static Task ResolvesAsync(TaskVectorResolver resolver, string name, float value, string what) =>
        Eventually.ValueAsync(() => Task.FromResult(resolver.TryResolve(name, out var v, out _) && v[0] == value ? v : null), Patience, what);

    [Fact]
    public async Task A_task_registered_again_whose_change_event_was_lost_is_picked_up_by_the_version_check()
    {
        using var stop = new CancellationTokenSource();
        var (registry, resolver, watch) = StartWatch(stop.Token);

        await registry.PutAsync("sepia", Bytes(1), "{}");
        await ResolvesAsync(resolver, "sepia", 1, "version 1 by its event");

        // Version 2 written as PutAsync writes it, but its event never reaches this process (a dropped
        // subscription that StackExchange.Redis renewed without a word).
        var keys = new QueueKeys(_options.KeyPrefix);
        ITransaction write = _connection.GetDatabase().CreateTransaction();
        _ = write.HashSetAsync(keys.TaskEmbeddings, "sepia", Bytes(2));
        _ = write.HashIncrementAsync(keys.TaskVersions, "sepia");
        _ = write.StringIncrementAsync(keys.TaskVersion);
        Assert.True(await write.ExecuteAsync());

        await ResolvesAsync(resolver, "sepia", 2, "version 2 without its event");
        Assert.Equal(2, resolver.RegistryVersion);
        await stop.CancelAsync();
        await watch;
    }

    [Fact]
    public async Task A_registry_that_lost_its_data_and_counts_from_one_again_is_followed()
    {
        using var stop = new CancellationTokenSource();
        var (registry, resolver, watch) = StartWatch(stop.Token);
        await registry.PutAsync("sepia", Bytes(1), "{}");
        await registry.PutAsync("sketchy", Bytes(5), "{}");
        await Eventually.ValueAsync(() => Task.FromResult(resolver.RegistryVersion == 2 ? "" : null), Patience, "version 2");

        // The server restarted without persistence: every registry key is gone, and the next write is version 1.
        var keys = new QueueKeys(_options.KeyPrefix);
        await _connection.GetDatabase().KeyDeleteAsync([keys.TaskEmbeddings, keys.TaskMetadata, keys.TaskVersions, keys.TaskVersion]);
        await registry.PutAsync("sepia", Bytes(3), "{}");

        await ResolvesAsync(resolver, "sepia", 3, "the new sepia");
        Assert.False(resolver.TryResolve("sketchy", out _, out _));
        Assert.Equal(1, resolver.RegistryVersion);
        await stop.CancelAsync();
        await watch;
    }
}
