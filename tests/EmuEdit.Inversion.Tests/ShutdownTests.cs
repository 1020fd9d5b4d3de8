using EmuEdit.Contracts.V1;
using EmuEdit.DiffusionWorker.Tests.Support;
using EmuEdit.Inversion.Tests.Support;
using EmuEdit.Pipeline.Tests.Support;
using EmuEdit.Queue;
using Google.Protobuf;
using JobState = EmuEdit.Queue.JobState;

namespace EmuEdit.Inversion.Tests;

/// <summary>
/// SIGTERM during a registration: it is handed back and another replica takes it up (its claim found under the edit prefix, or it would fail at once). The replicas here are
/// configured as k8s/base/inversion.yaml configures them, with the registration queue's own prefix in
/// Queue:KeyPrefix, so the registry must still land under the edit queue's prefix.
/// </summary>
public sealed class ShutdownTests(InversionFixture fixture) : IClassFixture<InversionFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_registration_running_at_shutdown_is_handed_back_and_taken_up_by_another_replica()
    {
        string editPrefix = $"emuedit-shutdown-test-{Guid.NewGuid():N}:";
        string registrationPrefix = editPrefix + TaskInversionQueue.KeySegment;
        var registry = new TaskRegistryStore(fixture.Connection, new JobQueueOptions { KeyPrefix = editPrefix });
        var registrations = new TaskInversionQueue(fixture.Connection, new JobQueueOptions { KeyPrefix = registrationPrefix });
        Dictionary<string, string?> Settings(string workerId)
        {
            var settings = fixture.HostSettings();
            settings["Queue:KeyPrefix"] = registrationPrefix;
            settings["Queue:PollInterval"] = "00:00:00.100";
            settings["Queue:HeartbeatInterval"] = "00:00:00.200";
            settings["Queue:HeartbeatTtl"] = "00:00:01";
            settings["Queue:ReaperInterval"] = "00:00:00.200";
            settings["Worker:WorkerId"] = workerId;
            settings["Worker:DrainTimeout"] = "00:00:00";
            return settings;
        }

        const string name = "long";
        var job = new TaskInversionJob
        {
            Name = name,
            Examples = { new TaskExample
            {
                Input = new Image { Data = ByteString.CopyFrom(TestImages.Gradient()) },
                Instruction = "trace the outlines",
                Output = new Image { Data = ByteString.CopyFrom(TestImages.Gradient(shift: 90)) },
            } },
            Options = new InversionOptions { Steps = 100_000, LearningRate = 1e-3, BatchSize = 1, Seed = 1, Initialisation = TaskInitialisation.Mean },
        };
        string id = JobQueue.NewJobId();
        Assert.Null(await registry.TryClaimAsync(name, id, DateTimeOffset.UtcNow, (_, _) => Task.FromResult(false)));
        await registrations.Jobs.EnqueueAsync(id, job.ToByteArray());

        var first = await ServiceHost.StartAsync(b => b.AddInversion(), a => a.MapInversion(), Settings("first"));
        await Eventually.ValueAsync(async () => await registrations.Jobs.GetJobAsync(id) is { Step: > 0 } r ? r : null, Patience, "the registration to start learning");
        await first.DisposeAsync();
        JobRecord handedBack = (await registrations.Jobs.GetJobAsync(id))!;
        // Handed back at once, its attempt given back: a shutdown did not fail it.
        Assert.Equal((JobState.Queued, null, 0), (handedBack.State, handedBack.Worker, handedBack.Attempts));

        // The next replica takes it up and runs it again.
        await using var second = await ServiceHost.StartAsync(b => b.AddInversion(), a => a.MapInversion(), Settings("second"));
        JobRecord rerun = await Eventually.ValueAsync(async () => await registrations.Jobs.GetJobAsync(id) is { Worker: "second", Step: > 0 } r ? r : null,
            Patience, "the second replica to take the registration");
        Assert.Equal(1, rerun.Attempts);
        Assert.Equal(id, (await registry.GetClaimAsync(name))!.RegistrationId);
        Assert.Null(await fixture.Registry.GetClaimAsync(name));
    }
}
