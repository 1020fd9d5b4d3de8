using System.Net;
using System.Net.Sockets;
using EmuEdit.Contracts.V1;
using EmuEdit.GarnetHost;
using EmuEdit.Gateway.Editing;
using EmuEdit.Gateway.Hosting;
using EmuEdit.Queue;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using QueueJobState = EmuEdit.Queue.JobState;

namespace EmuEdit.Gateway.Tests;

/// <summary>The edit stream over a real queue (embedded Garnet): a stream that ends without its result leaves no job behind.</summary>
public sealed class EditFollowerTests : IAsyncLifetime
{
    private readonly JobQueueOptions _options = new() { KeyPrefix = $"emuedit-follower-{Guid.NewGuid():N}:" };
    private EmbeddedGarnetServer? _garnet;
    private ConnectionMultiplexer? _connection;

    public async Task InitializeAsync()
    {
        _garnet = EmbeddedGarnetServer.Start(new EmbeddedGarnetOptions { Port = FreePort() });
        _connection = await ConnectionMultiplexer.ConnectAsync(_garnet.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        if (_connection is not null) await _connection.DisposeAsync();
        _garnet?.Dispose();
    }

    [Fact]
    public async Task A_stream_that_fails_before_its_result_cancels_its_edit()
    {
        var queue = new JobQueue(_connection!, _options);
        var job = new EditJob { Instruction = "remove the cat", Parameters = new EditParameters { Steps = 4, Seed = 1 } };
        EnqueueResult queued = await queue.EnqueueAsync(job.ToByteArray());
        var follower = new EditFollower(queue, Options.Create(new GatewayOptions()), NullLogger<EditFollower>.Instance);

        // The client's stream refuses the first event (Accepted): the call fails with the edit still queued.
        await Assert.ThrowsAsync<IOException>(() => follower.FollowAsync(queued.JobId, job, new FailingWriter(), CancellationToken.None));

        JobRecord? record = await queue.GetJobAsync(queued.JobId);
        Assert.NotNull(record);
        Assert.Equal(QueueJobState.Cancelled, record.State);
    }

    [Fact]
    public async Task A_stream_that_fails_while_its_edit_runs_asks_the_worker_to_stop()
    {
        var queue = new JobQueue(_connection!, _options);
        var job = new EditJob { Instruction = "remove the cat", Parameters = new EditParameters { Steps = 4, Seed = 1 } };
        EnqueueResult queued = await queue.EnqueueAsync(job.ToByteArray());
        await using var worker = new JobConsumer(_connection!, _options, "w");
        Assert.NotNull(await worker.TryDequeueAsync());
        var follower = new EditFollower(queue, Options.Create(new GatewayOptions()), NullLogger<EditFollower>.Instance);

        await Assert.ThrowsAsync<IOException>(() => follower.FollowAsync(queued.JobId, job, new FailingWriter(), CancellationToken.None));

        JobRecord record = (await queue.GetJobAsync(queued.JobId))!;
        Assert.True(record.CancelRequested);
    }

    [Fact]
    public async Task A_stream_that_ends_on_a_finished_job_leaves_it_as_it_is()
    {
        var queue = new JobQueue(_connection!, _options);
        var job = new EditJob { Instruction = "remove the cat", Parameters = new EditParameters { Steps = 4, Seed = 1 } };
        EnqueueResult queued = await queue.EnqueueAsync(job.ToByteArray());
        await using (var worker = new JobConsumer(_connection!, _options, "w"))
        {
            JobLease lease = (await worker.TryDequeueAsync())!;
            await worker.FailAsync(lease.JobId, "the model ran out of memory", retryable: false);
        }
        var follower = new EditFollower(queue, Options.Create(new GatewayOptions()), NullLogger<EditFollower>.Instance);

        RpcException error = await Assert.ThrowsAsync<RpcException>(() => follower.FollowAsync(queued.JobId, job, new RecordingWriter(), CancellationToken.None));
        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.Equal(QueueJobState.Failed, (await queue.GetJobAsync(queued.JobId))!.State);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class FailingWriter : IServerStreamWriter<EditEvent>
    {
        public WriteOptions? WriteOptions { get; set; }

        public Task WriteAsync(EditEvent message) => throw new IOException("the client's stream is gone");
    }

    private sealed class RecordingWriter : IServerStreamWriter<EditEvent>
    {
        public WriteOptions? WriteOptions { get; set; }

        public Task WriteAsync(EditEvent message) => Task.CompletedTask;
    }
}
