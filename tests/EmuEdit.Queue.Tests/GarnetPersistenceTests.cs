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
    public void Without_a_checkpoint_directory_nothing_is_logged_and_records_beyond_memory_go_to_the_given_folder()
    {
        string[] arguments = EmbeddedGarnetServer.BuildArguments(new EmbeddedGarnetOptions { Port = 7000 }, "/tmp/spill");
        Assert.DoesNotContain("--aof", arguments);
        Assert.Equal(["--bind", "127.0.0.1", "--port", "7000", "--index", "1m", "-m", "64m", "--storage-tier", "--logdir", "/tmp/spill",
            "--segment", "32m", "--compaction-freq", "60", "--compaction-type", "Lookup", "--compaction-max-segments", "8",
            "--compaction-force-delete", "--device-type", "RandomAccess", "--lua"], arguments);
        string[] persistent = EmbeddedGarnetServer.BuildArguments(new EmbeddedGarnetOptions { CheckpointDirectory = "/data/garnet" });
        Assert.Equal("/data/garnet/log", persistent[Array.IndexOf(persistent, "--logdir") + 1]);
    }

    [Fact]
    public async Task Records_beyond_the_memory_size_are_kept_on_disk_not_dropped()
    {
        // A log of 4 pages of 256 KB; 24 MB of later writes push the first records far out of memory.
        var options = new EmbeddedGarnetOptions { Port = FreePort.Next(), MemorySize = "1m", PageSize = "256k", SegmentSize = "1m" };
        string spill;
        using (var server = EmbeddedGarnetServer.Start(options))
        {
            spill = server.Arguments[server.Arguments.ToList().IndexOf("--logdir") + 1];
            await using var connection = await ConnectionMultiplexer.ConnectAsync(server.ConnectionString);
            IDatabase db = connection.GetDatabase();
            await db.StringSetAsync("registered-first", "still here");
            await db.HashSetAsync("emuedit:tasks:embeddings", "sepia", new byte[] { 1, 2, 3 });
            byte[] blob = new byte[100_000];
            for (int i = 0; i < 120; i++)
            {
                await db.StringSetAsync($"result:{i}", blob);
                await db.HashSetAsync($"job:{i}", "payload", blob);
            }
            Assert.Equal("still here", (string?)await db.StringGetAsync("registered-first"));
            Assert.Equal(new byte[] { 1, 2, 3 }, (byte[]?)await db.HashGetAsync("emuedit:tasks:embeddings", "sepia"));
            Assert.Equal(blob.Length, ((byte[]?)await db.StringGetAsync("result:0"))!.Length);
            Assert.True(Directory.Exists(spill));
        }
        // A temporary spill folder goes with the server.
        Assert.False(Directory.Exists(spill));
    }

    public void Dispose()
    {
        if (Directory.Exists(_checkpointDirectory))
        {
            Directory.Delete(_checkpointDirectory, recursive: true);
        }
    }
}
