using EmuEdit.Contracts.V1;
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
    private EmbeddedQueueServer? _server;

    private ConnectionMultiplexer Connection => _server!.Connection;

    public async Task InitializeAsync() => _server = await EmbeddedQueueServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }

    [Fact]
    public async Task A_stream_that_fails_before_its_result_cancels_its_edit()
    {
        var queue = new JobQueue(Connection, _options);
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
        var queue = new JobQueue(Connection, _options);
        var job = new EditJob { Instruction = "remove the cat", Parameters = new EditParameters { Steps = 4, Seed = 1 } };
        EnqueueResult queued = await queue.EnqueueAsync(job.ToByteArray());
        await using var worker = new JobConsumer(Connection, _options, "w");
        Assert.NotNull(await worker.TryDequeueAsync());
        var follower = new EditFollower(queue, Options.Create(new GatewayOptions()), NullLogger<EditFollower>.Instance);

        await Assert.ThrowsAsync<IOException>(() => follower.FollowAsync(queued.JobId, job, new FailingWriter(), CancellationToken.None));

        JobRecord record = (await queue.GetJobAsync(queued.JobId))!;
        Assert.True(record.CancelRequested);
    }

    [Fact]
    public async Task A_stream_that_ends_on_a_finished_job_leaves_it_as_it_is()
    {
        var queue = new JobQueue(Connection, _options);
        var job = new EditJob { Instruction = "remove the cat", Parameters = new EditParameters { Steps = 4, Seed = 1 } };
        EnqueueResult queued = await queue.EnqueueAsync(job.ToByteArray());
        await using (var worker = new JobConsumer(Connection, _options, "w"))
        {
            JobLease lease = (await worker.TryDequeueAsync())!;
            await worker.FailAsync(lease.JobId, "the model ran out of memory", retryable: false);
        }
        var follower = new EditFollower(queue, Options.Create(new GatewayOptions()), NullLogger<EditFollower>.Instance);

        RpcException error = await Assert.ThrowsAsync<RpcException>(() => follower.FollowAsync(queued.JobId, job, new RecordingWriter(), CancellationToken.None));
        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.Equal(QueueJobState.Failed, (await queue.GetJobAsync(queued.JobId))!.State);
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
