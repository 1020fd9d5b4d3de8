using EmuEdit.Contracts.V1;
using EmuEdit.Pipeline.Tests.Support;
using EmuEdit.Queue;
using Google.Protobuf;

namespace EmuEdit.DiffusionWorker.Tests.Support;

/// <summary>
/// A worker that starts where an earlier run under its name died holding a job: the job is in the worker's
/// processing list, claimed once, and the new run's heartbeat under the same name keeps the reaper away.
/// </summary>
public sealed class RestartedWorkerFixture : WorkerFixture
{
    public const string Name = "diffusion-worker-0";

    public RestartedWorkerFixture()
    {
        // Longer than any start-up of the worker: the earlier run's heartbeat must still be alive when the new run
        // begins beating under the same name, as after a quick container restart, or the reaper would do the work.
        QueueOptions.HeartbeatTtl = TimeSpan.FromMinutes(10);
    }

    public string LeftoverJobId { get; private set; } = "";

    protected override string? WorkerId => Name;

    protected override async Task BeforeWorkerStartsAsync()
    {
        var job = new EditJob
        {
            ImagePng = ByteString.CopyFrom(TestImages.Gradient()),
            Instruction = "remove the red circle",
            Parameters = new EditParameters { Seed = 5, Steps = 4 },
        };
        LeftoverJobId = (await Queue.EnqueueAsync(job.ToByteArray())).JobId;
        // The earlier run: it takes the job and is never heard of again (no hand back, no disposal).
        var crashed = new JobConsumer(Connection, QueueOptions, Name);
        if ((await crashed.TryDequeueAsync())?.JobId != LeftoverJobId)
            throw new InvalidOperationException("the earlier run did not take the leftover job");
    }
}
