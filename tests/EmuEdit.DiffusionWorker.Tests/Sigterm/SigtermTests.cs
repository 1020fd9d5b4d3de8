using System.Diagnostics;
using EmuEdit.Contracts.V1;
using EmuEdit.DiffusionWorker.Tests.Support;
using EmuEdit.Pipeline.Tests.Support;
using EmuEdit.Queue;
using Google.Protobuf;
using Xunit.Abstractions;
using StackExchange.Redis;
using JobState = EmuEdit.Queue.JobState;

namespace EmuEdit.DiffusionWorker.Tests.Sigterm;

/// <summary>
/// Scale-down as Kubernetes does it: SIGTERM to a worker process in the middle of a job. The worker must
/// stop taking jobs, then either finish the job within Worker:DrainTimeout or hand it back to the ready list,
/// and exit before the grace period (drain + hand back) is over, so the kubelet never needs its SIGKILL.
/// </summary>
public sealed class SigtermTests(SigtermFixture fixture, ITestOutputHelper log) : IClassFixture<SigtermFixture>
{
    // A process start loads LibTorch, the U-Net and ASP.NET on a busy two-core machine.
    private static readonly TimeSpan StartPatience = TimeSpan.FromSeconds(90);

    // What the process may need beyond the grace period's own budget to leave (runtime teardown).
    private static readonly TimeSpan ExitSlack = TimeSpan.FromSeconds(5);

    // The sampler's limit (the schedule's training timesteps).
    private const int MostSteps = 1000;

    /// <summary>A job; previews on every step make each step cost a round trip to the vae-decoder, so jobs last.</summary>
    private static EditJob Job(int steps) => new()
    {
        ImagePng = ByteString.CopyFrom(TestImages.Gradient()),
        Instruction = "remove the red circle",
        Parameters = new EditParameters { Seed = 11, Steps = steps, PreviewEvery = 1 },
    };

    [Fact]
    public async Task A_worker_told_to_stop_mid_job_finishes_it_takes_nothing_new_and_exits_within_the_grace_period()
    {
        var queueOptions = SigtermFixture.QueueOptions();
        var worker = new WorkerOptions { DrainTimeout = TimeSpan.FromSeconds(120) };
        var queue = new JobQueue(fixture.Redis.Connection, queueOptions);
        var keys = new QueueKeys(queueOptions.KeyPrefix);
        // Long enough that it is surely still sampling when the signal comes, short enough to finish in the drain.
        const int steps = 150;
        var running = (await queue.EnqueueAsync(Job(steps).ToByteArray())).JobId;
        using var process = WorkerProcess.Start(fixture.WorkerEnvironment(queueOptions, "drains", worker));

        var atSignal = await RunningAsync(queue, running, process);
        var signalled = Stopwatch.StartNew();
        process.Terminate();
        // Queued once the host has begun stopping (the signal is handled on its own thread): it must stay queued.
        await process.WaitForOutputAsync("Application is shutting down", StartPatience);
        var waiting = (await queue.EnqueueAsync(Job(4).ToByteArray())).JobId;

        Assert.True(await process.WaitForExitAsync(worker.ShutdownTimeout + ExitSlack),
            $"still running {worker.ShutdownTimeout + ExitSlack} after SIGTERM:\n{process.Output}");
        var exitedAfter = signalled.Elapsed;
        Assert.True(process.ExitCode == 0, $"exit code {process.ExitCode}:\n{process.Output}");

        var finished = (await queue.GetJobAsync(running))!;
        Assert.True(finished.State == JobState.Succeeded, $"job ended {finished.State} ({finished.Error}); at SIGTERM it was at step {atSignal.Step}:\n{process.Output}");
        Assert.Equal(steps, finished.Step);
        Assert.NotNull(await queue.GetResultAsync(running));
        Assert.True(finished.FinishedAt > finished.StartedAt && atSignal.Step < steps,
            $"the job must still have been sampling at SIGTERM (step {atSignal.Step} of {steps})");

        var untouched = (await queue.GetJobAsync(waiting))!;
        Assert.Equal((JobState.Queued, 0), (untouched.State, untouched.Attempts));
        Assert.Equal([(RedisValue)waiting], await fixture.Redis.Connection.GetDatabase().ListRangeAsync(keys.Ready));
        await AssertLeftNothingAsync(keys, "drains");
        Assert.True(exitedAfter < worker.ShutdownTimeout, $"exited {exitedAfter} after SIGTERM");
        log.WriteLine($"SIGTERM at step {atSignal.Step}/{steps}; job finished {finished.FinishedAt - finished.StartedAt} after it started; process exited {exitedAfter.TotalSeconds:0.00} s after SIGTERM");
    }

    [Fact]
    public async Task A_worker_of_another_model_exits_with_code_1_without_taking_a_job()
    {
        var queueOptions = SigtermFixture.QueueOptions();
        var queue = new JobQueue(fixture.Redis.Connection, queueOptions);
        var waiting = (await queue.EnqueueAsync(Job(4).ToByteArray())).JobId;
        using var other = new OtherModelFolder();
        var environment = fixture.WorkerEnvironment(queueOptions, "other-model", new WorkerOptions());
        environment["Model__Directory"] = other.Path;
        using var process = WorkerProcess.Start(environment);

        Assert.True(await process.WaitForExitAsync(StartPatience), $"still running {StartPatience} after its start:\n{process.Output}");
        Assert.True(process.ExitCode == 1, $"exit code {process.ExitCode}:\n{process.Output}");
        Assert.Contains("takes no jobs and stops", process.Output);
        var untouched = (await queue.GetJobAsync(waiting))!;
        Assert.Equal((JobState.Queued, 0), (untouched.State, untouched.Attempts));
    }

    [Fact]
    public async Task A_worker_whose_drain_runs_out_hands_the_job_back_to_the_ready_list_and_exits_within_the_grace_period()
    {
        var queueOptions = SigtermFixture.QueueOptions();
        var worker = new WorkerOptions { DrainTimeout = TimeSpan.FromSeconds(2) };
        var queue = new JobQueue(fixture.Redis.Connection, queueOptions);
        var keys = new QueueKeys(queueOptions.KeyPrefix);
        // Far more steps than the drain allows.
        var running = (await queue.EnqueueAsync(Job(MostSteps).ToByteArray())).JobId;
        using var process = WorkerProcess.Start(fixture.WorkerEnvironment(queueOptions, "hands-back", worker));

        var atSignal = await RunningAsync(queue, running, process);
        var signalled = Stopwatch.StartNew();
        process.Terminate();

        Assert.True(await process.WaitForExitAsync(worker.ShutdownTimeout + ExitSlack),
            $"still running {worker.ShutdownTimeout + ExitSlack} after SIGTERM:\n{process.Output}");
        var exitedAfter = signalled.Elapsed;
        Assert.True(process.ExitCode == 0, $"exit code {process.ExitCode}:\n{process.Output}");
        Assert.True(exitedAfter >= worker.DrainTimeout, $"exited {exitedAfter} after SIGTERM, before the drain time was up");
        Assert.True(exitedAfter < worker.ShutdownTimeout, $"exited {exitedAfter} after SIGTERM");

        // Back in the ready list at once (no reaper runs here), unstarted, its attempt given back.
        var returned = (await queue.GetJobAsync(running))!;
        Assert.Equal((JobState.Queued, 0, null), (returned.State, returned.Attempts, returned.Worker));
        Assert.True(returned.Step > atSignal.Step && returned.Step < MostSteps,
            $"it should have kept sampling during the drain and not finished: step {atSignal.Step} at SIGTERM, {returned.Step} at hand back");
        Assert.Equal([(RedisValue)running], await fixture.Redis.Connection.GetDatabase().ListRangeAsync(keys.Ready));
        await AssertLeftNothingAsync(keys, "hands-back");

        log.WriteLine($"SIGTERM at step {atSignal.Step}; handed back at step {returned.Step}; process exited {exitedAfter.TotalSeconds:0.00} s after SIGTERM (drain {worker.DrainTimeout.TotalSeconds} s)");

        // Nothing is lost: the next worker gets it as a first attempt.
        await using var next = new JobConsumer(fixture.Redis.Connection, queueOptions, "next");
        var lease = await next.TryDequeueAsync();
        Assert.Equal((running, 1), (lease?.JobId, lease?.Attempt));
    }

    /// <summary>Waits until the worker has sampled at least one step of the job.</summary>
    private static async Task<JobRecord> RunningAsync(JobQueue queue, string jobId, WorkerProcess process)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (await queue.GetJobAsync(jobId) is { State: JobState.Running, Step: > 0 } record) return record;
            if (process.HasExited) Assert.Fail($"the worker exited with {process.ExitCode} before the job ran:\n{process.Output}");
            if (waited.Elapsed > StartPatience) Assert.Fail($"the job did not start sampling within {StartPatience}:\n{process.Output}");
            await Task.Delay(50);
        }
    }

    /// <summary>A stopped worker holds no job and no longer looks alive.</summary>
    private async Task AssertLeftNothingAsync(QueueKeys keys, string workerId)
    {
        var db = fixture.Redis.Connection.GetDatabase();
        Assert.Equal(0, await db.ListLengthAsync(keys.Processing(workerId)));
        Assert.False(await db.KeyExistsAsync(keys.Heartbeat(workerId)));
    }
}
