using EmuEdit.Contracts.V1;
using EmuEdit.DiffusionWorker.Tests.Support;
using EmuEdit.Pipeline.Tests.Support;
using Google.Protobuf;
using JobState = EmuEdit.Queue.JobState;

namespace EmuEdit.DiffusionWorker.Tests;

/// <summary>Stopping the host (SIGTERM) while a job runs: the worker takes no more jobs and finishes the one it holds.</summary>
public sealed class WorkerShutdownTests(WorkerFixture fixture) : IClassFixture<WorkerFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task StoppingFinishesTheRunningJobAndLeavesQueuedOnesQueued()
    {
        var job = new EditJob
        {
            ImagePng = ByteString.CopyFrom(TestImages.Gradient()),
            Instruction = "remove the red circle",
            Parameters = new EditParameters { Seed = 3, Steps = 40 },
        };
        var running = await fixture.Queue.EnqueueAsync(job.ToByteArray());
        await Eventually.ValueAsync(async () => await fixture.Queue.GetJobAsync(running.JobId) is { Step: > 0 } r ? r : null,
            Patience, "the job to start sampling");

        await fixture.Worker.StopAsync();
        var waiting = await fixture.Queue.EnqueueAsync(job.ToByteArray());

        var finished = await fixture.Queue.GetJobAsync(running.JobId);
        Assert.Equal(JobState.Succeeded, finished!.State);
        Assert.NotNull(await fixture.Queue.GetResultAsync(running.JobId));
        await Task.Delay(fixture.QueueOptions.PollInterval * 3);
        Assert.Equal(JobState.Queued, (await fixture.Queue.GetJobAsync(waiting.JobId))!.State);
    }
}
