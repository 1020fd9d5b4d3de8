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
    public async Task A_built_in_name_is_never_stored()
    {
        var registry = new TaskRegistryStore(Connection, Options);
        await registry.ProtectBuiltInAsync(["remove", "style"]);

        Assert.True(await registry.IsBuiltInAsync("remove"));
        await Assert.ThrowsAsync<BuiltInTaskException>(() => registry.PutAsync("remove", new byte[4], "{}"));
        await Assert.ThrowsAsync<BuiltInTaskException>(() => registry.TryClaimAsync("style", "r1", DateTimeOffset.UtcNow, NeverStale));
        Assert.Null(await registry.GetAsync("remove"));
        Assert.Null(await registry.GetClaimAsync("style"));
        Assert.Equal(0, await registry.GetVersionAsync());
    }

    [Fact]
    public async Task A_claimed_name_goes_to_one_registration_and_its_write_releases_the_claim()
    {
        var registry = new TaskRegistryStore(Connection, Options);
        DateTimeOffset now = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);

        Assert.Null(await registry.TryClaimAsync("contour", "first", now, NeverStale));
        TaskClaim? holder = await registry.TryClaimAsync("contour", "second", now, NeverStale);
        Assert.Equal(new TaskClaim("contour", "first", now), holder);
        await Assert.ThrowsAsync<TaskClaimLostException>(() => registry.RegisterAsync("contour", "second", new byte[4], "{}"));

        TaskRegistryWrite written = await registry.RegisterAsync("contour", "first", new byte[4], """{"description":"edges"}""");
        Assert.Equal(new TaskRegistryWrite(1, 1), written);
        Assert.Null(await registry.GetClaimAsync("contour"));
        Assert.Equal(1, (await registry.GetAsync("contour"))!.Version);

        // Registering the name again makes version 2; a delete keeps the count, so versions only grow.
        Assert.Null(await registry.TryClaimAsync("contour", "third", now, NeverStale));
        Assert.Equal(2, (await registry.RegisterAsync("contour", "third", new byte[4], "{}")).TaskVersion);
        await registry.RemoveAsync("contour");
        Assert.Null(await registry.TryClaimAsync("contour", "fourth", now, NeverStale));
        Assert.Equal(3, (await registry.RegisterAsync("contour", "fourth", new byte[4], "{}")).TaskVersion);
        Assert.Equal(3, Assert.Single((await registry.ListAsync()).Tasks).Version);
    }

    [Fact]
    public async Task A_stale_claim_is_taken_over_and_a_released_one_frees_the_name()
    {
        var registry = new TaskRegistryStore(Connection, Options);
        DateTimeOffset now = DateTimeOffset.UtcNow;
        Assert.Null(await registry.TryClaimAsync("inpaint", "dead", now, NeverStale));

        Assert.Null(await registry.TryClaimAsync("inpaint", "alive", now, (claim, _) => Task.FromResult(claim.RegistrationId == "dead")));
        Assert.Equal("alive", (await registry.GetClaimAsync("inpaint"))!.RegistrationId);
        await Assert.ThrowsAsync<TaskClaimLostException>(() => registry.RegisterAsync("inpaint", "dead", new byte[4], "{}"));

        Assert.False(await registry.ReleaseClaimAsync("inpaint", "dead"));
        Assert.True(await registry.ReleaseClaimAsync("inpaint", "alive"));
        Assert.Null(await registry.GetClaimAsync("inpaint"));
        Assert.Null(await registry.GetAsync("inpaint"));
    }

    [Fact]
    public async Task Concurrent_claims_on_one_name_have_exactly_one_winner()
    {
        var registry = new TaskRegistryStore(Connection, Options);
        DateTimeOffset now = DateTimeOffset.UtcNow;
        TaskClaim?[] outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Task.Run(() => registry.TryClaimAsync("race", $"r{i}", now, NeverStale))));

        Assert.Single(outcomes, o => o is null);
        string winner = (await registry.GetClaimAsync("race"))!.RegistrationId;
        Assert.All(outcomes.Where(o => o is not null), o => Assert.Equal(winner, o!.RegistrationId));
    }

    private static Task<bool> NeverStale(TaskClaim claim, CancellationToken cancellationToken) => Task.FromResult(false);

    [Fact]
    public async Task Metadata_must_be_json()
    {
        var registry = new TaskRegistryStore(Connection, Options);
        await Assert.ThrowsAnyAsync<System.Text.Json.JsonException>(() => registry.PutAsync("x", new byte[4], "not json"));
    }
}

public sealed class GarnetTaskRegistryTests(GarnetServerFixture server) : TaskRegistryContractTests(server), IClassFixture<GarnetServerFixture>;

public sealed class RedisTaskRegistryTests(RedisServerFixture server) : TaskRegistryContractTests(server), IClassFixture<RedisServerFixture>;
