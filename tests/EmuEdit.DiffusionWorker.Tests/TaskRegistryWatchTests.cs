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

    [Fact]
    public async Task A_task_registered_again_whose_change_event_was_lost_is_picked_up_by_the_version_check()
    {
        var registry = new TaskRegistryStore(_connection, _options);
        var resolver = new TaskVectorResolver(["global"], [new float[4]]);
        using var stop = new CancellationTokenSource();
        Task watch = resolver.WatchAsync(registry, TimeSpan.FromMilliseconds(100), stop.Token);

        await registry.PutAsync("sepia", Bytes(1), "{}");
        await Eventually.ValueAsync(() => Task.FromResult(resolver.TryResolve("sepia", out var v, out _) && v[0] == 1 ? v : null), Patience, "version 1 by its event");

        // Version 2 written as PutAsync writes it, but its event never reaches this process (a dropped
        // subscription that StackExchange.Redis renewed without a word).
        var keys = new QueueKeys(_options.KeyPrefix);
        ITransaction write = _connection.GetDatabase().CreateTransaction();
        _ = write.HashSetAsync(keys.TaskEmbeddings, "sepia", Bytes(2));
        _ = write.HashIncrementAsync(keys.TaskVersions, "sepia");
        _ = write.StringIncrementAsync(keys.TaskVersion);
        Assert.True(await write.ExecuteAsync());

        await Eventually.ValueAsync(() => Task.FromResult(resolver.TryResolve("sepia", out var v, out _) && v[0] == 2 ? v : null), Patience, "version 2 without its event");
        Assert.Equal(2, resolver.RegistryVersion);
        await stop.CancelAsync();
        await watch;
    }

    [Fact]
    public async Task A_registry_that_lost_its_data_and_counts_from_one_again_is_followed()
    {
        var registry = new TaskRegistryStore(_connection, _options);
        var resolver = new TaskVectorResolver(["global"], [new float[4]]);
        using var stop = new CancellationTokenSource();
        Task watch = resolver.WatchAsync(registry, TimeSpan.FromMilliseconds(100), stop.Token);
        await registry.PutAsync("sepia", Bytes(1), "{}");
        await registry.PutAsync("sketchy", Bytes(5), "{}");
        await Eventually.ValueAsync(() => Task.FromResult(resolver.RegistryVersion == 2 ? "" : null), Patience, "version 2");

        // The server restarted without persistence: every registry key is gone, and the next write is version 1.
        var keys = new QueueKeys(_options.KeyPrefix);
        await _connection.GetDatabase().KeyDeleteAsync([keys.TaskEmbeddings, keys.TaskMetadata, keys.TaskVersions, keys.TaskVersion]);
        await registry.PutAsync("sepia", Bytes(3), "{}");

        await Eventually.ValueAsync(() => Task.FromResult(resolver.TryResolve("sepia", out var v, out _) && v[0] == 3 ? v : null), Patience, "the new sepia");
        Assert.False(resolver.TryResolve("sketchy", out _, out _));
        Assert.Equal(1, resolver.RegistryVersion);
        await stop.CancelAsync();
        await watch;
    }
}
