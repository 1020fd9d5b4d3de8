namespace EmuEdit.Queue.Tests;

public abstract class TaskRegistryContractTests(IServerFixture server) : QueueTestBase(server)
{
    [Fact]
    public async Task Changes_raise_the_version_and_are_announced()
    {
        var registry = new TaskRegistryStore(Connection, Options);
        Assert.Equal(0, await registry.GetVersionAsync());
        using var stop = new CancellationTokenSource(Patience);
        await using TaskRegistrySubscription changes = await registry.SubscribeAsync(stop.Token);
        await using IAsyncEnumerator<TaskRegistryChange> next = changes.ReadAllAsync(stop.Token).GetAsyncEnumerator(stop.Token);

        byte[] embedding = [.. BitConverter.GetBytes(0.5f), .. BitConverter.GetBytes(-1f)];
        Assert.Equal(1, await registry.PutAsync("remove", embedding, """{"builtIn":true}"""));
        Assert.Equal(2, await registry.PutAsync("contour", embedding, """{"builtIn":false}"""));

        TaskRegistration? remove = await registry.GetAsync("remove");
        Assert.NotNull(remove);
        Assert.Equal(embedding, remove.Embedding.ToArray());
        Assert.Equal("""{"builtIn":true}""", remove.MetadataJson);

        (IReadOnlyList<TaskRegistration> tasks, long version) = await registry.ListAsync();
        Assert.Equal(["contour", "remove"], tasks.Select(t => t.Name));
        Assert.Equal(2, version);

        Assert.Equal(3, await registry.RemoveAsync("contour"));
        Assert.Null(await registry.RemoveAsync("contour"));
        Assert.Null(await registry.GetAsync("contour"));

        var seen = new List<TaskRegistryChange>();
        for (int i = 0; i < 3 && await next.MoveNextAsync(); i++)
        {
            seen.Add(next.Current);
        }
        Assert.Equal(
        [
            new TaskRegistryChange("remove", TaskRegistryChangeKind.Put, 1),
            new TaskRegistryChange("contour", TaskRegistryChangeKind.Put, 2),
            new TaskRegistryChange("contour", TaskRegistryChangeKind.Removed, 3),
        ], seen);
    }

    [Fact]
    public async Task Metadata_must_be_json()
    {
        var registry = new TaskRegistryStore(Connection, Options);
        await Assert.ThrowsAnyAsync<System.Text.Json.JsonException>(() => registry.PutAsync("x", new byte[4], "not json"));
    }
}

public sealed class GarnetTaskRegistryTests(GarnetServerFixture server) : TaskRegistryContractTests(server), IClassFixture<GarnetServerFixture>;

public sealed class RedisTaskRegistryTests(RedisServerFixture server) : TaskRegistryContractTests(server), IClassFixture<RedisServerFixture>;
