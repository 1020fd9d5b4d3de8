using EmuEdit.GarnetHost;
using StackExchange.Redis;

namespace EmuEdit.Queue.Tests;

public sealed class GarnetPersistenceTests : IDisposable
{
    private readonly string _checkpointDirectory = Path.Combine(Path.GetTempPath(), $"emuedit-garnet-{Guid.NewGuid():N}");

    [Fact]
    public async Task Data_written_with_persistence_survives_dispose_and_restart()
    {
        int port = FreePort.Next();
        var options = new EmbeddedGarnetOptions { Port = port, CheckpointDirectory = _checkpointDirectory };

        using (EmbeddedGarnetServer first = EmbeddedGarnetServer.Start(options))
        {
            Assert.Contains("--recover", first.Arguments);
            using ConnectionMultiplexer connection = TestConnections.Connect(first.ConnectionString);
            IDatabase db = connection.GetDatabase();
            await db.StringSetAsync("survivor", "still here");
            await db.ListLeftPushAsync("emuedit:queue:ready", ["job-1", "job-2"]);
            await db.HashSetAsync("emuedit:job:job-1", [new HashEntry("payload", new byte[] { 0, 1, 2, 255 })]);
            first.Dispose(); // a second dispose (the using) must be harmless
        }

        using EmbeddedGarnetServer second = EmbeddedGarnetServer.Start(options);
        using ConnectionMultiplexer again = TestConnections.Connect(second.ConnectionString);
        IDatabase restored = again.GetDatabase();
        Assert.Equal("still here", (string?)await restored.StringGetAsync("survivor"));
        Assert.Equal(["job-2", "job-1"], (await restored.ListRangeAsync("emuedit:queue:ready")).Select(v => v.ToString()));
        Assert.Equal(new byte[] { 0, 1, 2, 255 }, (byte[]?)await restored.HashGetAsync("emuedit:job:job-1", "payload"));
    }

    [Fact]
    public void Without_a_checkpoint_directory_the_server_runs_in_memory()
    {
        string[] arguments = EmbeddedGarnetServer.BuildArguments(new EmbeddedGarnetOptions { Port = 7000 });
        Assert.DoesNotContain("--aof", arguments);
        Assert.Equal(["--bind", "127.0.0.1", "--port", "7000", "--index", "1m", "-m", "64m", "--lua"], arguments);
    }

    public void Dispose()
    {
        if (Directory.Exists(_checkpointDirectory))
        {
            Directory.Delete(_checkpointDirectory, recursive: true);
        }
    }
}
