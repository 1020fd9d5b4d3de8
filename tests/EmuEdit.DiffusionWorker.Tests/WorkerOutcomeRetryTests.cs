using System.Diagnostics;
using EmuEdit.Contracts.V1;
using EmuEdit.DiffusionWorker.Tests.Support;
using EmuEdit.Pipeline.Tests.Support;
using EmuEdit.Queue;
using Google.Protobuf;
using JobState = EmuEdit.Queue.JobState;

namespace EmuEdit.DiffusionWorker.Tests;

/// <summary>
/// The queue goes away while a job runs: the worker must store the result once it is back, not drop it
/// and leave the job RUNNING under a heartbeat that keeps the reaper away.
/// </summary>
public sealed class WorkerOutcomeRetryTests(FlakyQueueWorkerFixture fixture) : IClassFixture<FlakyQueueWorkerFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_result_written_while_the_queue_is_cut_off_is_written_once_it_answers_again()
    {
        string jobId = JobQueue.NewJobId();
        // The cut comes inside the run, at the job's first pipeline span: the claim is made, the result not yet.
        using var cut = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "EmuEdit.Pipeline",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStarted = span =>
            {
                if (Equals(span.Parent?.GetTagItem("messaging.message.id"), jobId)) fixture.Proxy.Break();
            },
        };
        ActivitySource.AddActivityListener(cut);
        var job = new EditJob
        {
            ImagePng = ByteString.CopyFrom(TestImages.Gradient()),
            Instruction = "remove the red circle",
            Parameters = new EditParameters { Seed = 3, Steps = 4 },
        };
        await fixture.Queue.EnqueueAsync(jobId, job.ToByteArray());

        // The worker says the write failed and that it tries again; only then does the queue come back.
        string failed = $"Writing the result of job {jobId} failed";
        await Eventually.ValueAsync(() => Task.FromResult(fixture.Logs.Messages.FirstOrDefault(m => m.Contains(failed, StringComparison.Ordinal))),
            Patience, "the worker to report the failed result write");
        Assert.Equal(JobState.Running, (await fixture.Queue.GetJobAsync(jobId))!.State);
        fixture.Proxy.Restore();

        var record = await Eventually.ValueAsync(async () => await fixture.Queue.GetJobAsync(jobId) is { State: not JobState.Running and not JobState.Queued } r ? r : null,
            Patience, "the job to leave RUNNING");
        Assert.True(record.State == JobState.Succeeded, $"job {jobId} ended {record.State}: {record.Error}");
        // Stored by the run that made it, not reaped and run a second time.
        Assert.Equal(1, record.Attempts);
        Assert.Equal("remove", EditJobResult.Parser.ParseFrom(await fixture.Queue.GetResultAsync(jobId)).Task);
    }
}
