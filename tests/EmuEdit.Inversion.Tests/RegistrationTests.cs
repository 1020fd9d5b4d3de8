using System.Globalization;
using EmuEdit.Contracts.V1;
using EmuEdit.DiffusionWorker.Tests.Support;
using EmuEdit.Inversion.Tests.Support;
using EmuEdit.Pipeline.Tests.Support;
using EmuEdit.Queue;
using Google.Protobuf;
using JobState = EmuEdit.Queue.JobState;

namespace EmuEdit.Inversion.Tests;

public sealed class RegistrationTests(InversionFixture fixture) : IClassFixture<InversionFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private const int Steps = 12;

    private static TaskExample Example(int shift, string instruction = "trace the outlines", int width = 40, int height = 24, byte[]? output = null) => new()
    {
        Input = new Image { Data = ByteString.CopyFrom(TestImages.Gradient(width, height, shift)) },
        Instruction = instruction,
        Output = new Image { Data = ByteString.CopyFrom(output ?? TestImages.Gradient(width, height, shift + 90)) },
    };

    private static TaskInversionJob Job(string name, int heldOut = 0) => new()
    {
        Name = name,
        Description = "outlines of every object",
        Examples = { Example(0), Example(30, "draw the contours"), Example(60) },
        HeldOutExamples = { Enumerable.Range(0, heldOut).Select(i => Example(100 + 20 * i)) },
        Options = new InversionOptions
        {
            Steps = Steps, LearningRate = 5e-2, BatchSize = 2, Seed = 7, Initialisation = TaskInitialisation.Mean, ValidationSteps = 3,
        },
    };

    /// <summary>Claims the name and queues the job, as the gateway's RegisterTask does.</summary>
    private async Task<string> RegisterAsync(TaskInversionJob job, bool claim = true)
    {
        string id = JobQueue.NewJobId();
        if (claim) Assert.Null(await fixture.Registry.TryClaimAsync(job.Name, id, DateTimeOffset.UtcNow, (_, _) => Task.FromResult(false)));
        await fixture.Registrations.Jobs.EnqueueAsync(id, job.ToByteArray());
        return id;
    }

    private async Task<JobRecord> FinishedAsync(string id) =>
        await Eventually.ValueAsync(async () => await fixture.Registrations.Jobs.GetJobAsync(id) is { State: JobState.Succeeded or JobState.Failed } r ? r : null,
            Patience, $"registration {id} to finish");

    private async Task<TaskInversionJobResult> SucceededAsync(string id)
    {
        JobRecord record = await FinishedAsync(id);
        Assert.True(record.State == JobState.Succeeded, $"registration {id} ended {record.State}: {record.Error}");
        return TaskInversionJobResult.Parser.ParseFrom(await fixture.Registrations.Jobs.GetResultAsync(id));
    }

    /// <summary>Registers <paramref name="job"/>: it fails on its first attempt saying <paramref name="error"/>, stores nothing and frees its name.</summary>
    private async Task FailsAtOnceAndFreesTheNameAsync(TaskInversionJob job, string error)
    {
        JobRecord record = await FinishedAsync(await RegisterAsync(job));
        Assert.Equal((JobState.Failed, 1), (record.State, record.Attempts));
        Assert.Contains(error, record.Error, StringComparison.Ordinal);
        Assert.Null(await fixture.Registry.GetAsync(job.Name));
        Assert.Null(await fixture.Registry.GetClaimAsync(job.Name));
    }

    [Fact]
    public async Task A_registration_learns_validates_and_stores_the_task_and_frees_its_name()
    {
        string name = "contour-" + Guid.NewGuid().ToString("N")[..6];
        string id = await RegisterAsync(Job(name, heldOut: 2));
        TaskInversionJobResult result = await SucceededAsync(id);

        TaskInfo task = result.Task;
        Assert.Equal((name, TaskSource.Inversion, false, 1L, id), (task.Name, task.Source, task.BuiltIn, task.Version, task.RegistrationId));
        Assert.Equal((3, 2), (task.ExampleCount, task.HeldOutExampleCount));
        Assert.Equal(["trace the outlines", "draw the contours"], task.ExampleInstructions);
        Assert.True(task.Metrics.FinalLoss > 0 && double.IsFinite(task.Metrics.FinalLoss));
        Assert.Equal(2, task.Metrics.Validation.Examples);
        Assert.InRange(task.Metrics.Validation.L1ToTarget, 1e-6, 1);
        Assert.InRange(task.Metrics.Validation.SuccessRate, 0, 1);

        TaskRegistration stored = (await fixture.Registry.GetAsync(name))!;
        Assert.Equal(TinyModelFolder.TaskEmbeddingDim * sizeof(float), stored.Embedding.Length);
        Assert.Equal(1, stored.Version);
        TaskInfo metadata = TaskInfo.Parser.ParseJson(stored.MetadataJson);
        Assert.Equal(("outlines of every object", 3, id), (metadata.Description, metadata.ExampleCount, metadata.RegistrationId));
        Assert.Equal(result.RegistryVersion, await fixture.Registry.GetVersionAsync());
        Assert.Null(await fixture.Registry.GetClaimAsync(name));

        // The last progress report carries the final step and a mean loss.
        JobRecord record = (await fixture.Registrations.Jobs.GetJobAsync(id))!;
        Assert.Equal((Steps, Steps), (record.Step, record.TotalSteps));
        Assert.True(double.Parse(record.ProgressDetail!, CultureInfo.InvariantCulture) > 0);

        // Registering the name again replaces the task with version 2.
        TaskInversionJobResult again = await SucceededAsync(await RegisterAsync(Job(name)));
        Assert.Equal(2, again.Task.Version);
        Assert.Null(again.Task.Metrics.Validation);
        Assert.Equal(2, (await fixture.Registry.GetAsync(name))!.Version);
    }

    [Fact]
    public async Task The_same_examples_and_seed_learn_the_same_vector()
    {
        string first = "same-a-" + Guid.NewGuid().ToString("N")[..6], second = "same-b-" + Guid.NewGuid().ToString("N")[..6];
        await SucceededAsync(await RegisterAsync(Job(first)));
        await SucceededAsync(await RegisterAsync(Job(second)));
        Assert.Equal((await fixture.Registry.GetAsync(first))!.Embedding.ToArray(), (await fixture.Registry.GetAsync(second))!.Embedding.ToArray());
    }

    [Fact]
    public async Task Examples_that_cannot_be_learned_from_fail_at_once_and_free_the_name()
    {
        string name = "broken-" + Guid.NewGuid().ToString("N")[..6];
        TaskInversionJob job = Job(name);
        job.Examples.Add(Example(0, output: TestImages.Gradient(32, 48)));
        await FailsAtOnceAndFreesTheNameAsync(job, "examples[3]");
    }

    [Fact]
    public async Task A_registration_whose_learning_diverges_fails_at_once_and_stores_nothing()
    {
        // The gateway caps the rate (Registration:MaxLearningRate); a job queued by another writer is not capped,
        // and a rate this large overflows the vector within a few steps.
        string name = "diverged-" + Guid.NewGuid().ToString("N")[..6];
        TaskInversionJob job = Job(name);
        job.Options.LearningRate = 1e30;
        await FailsAtOnceAndFreesTheNameAsync(job, "diverged");
    }

    [Fact]
    public async Task A_built_in_name_is_refused_and_never_stored()
    {
        string id = await RegisterAsync(Job("remove"), claim: false);
        JobRecord record = await FinishedAsync(id);
        Assert.Equal((JobState.Failed, 1), (record.State, record.Attempts));
        Assert.Contains("built-in", record.Error, StringComparison.Ordinal);
        Assert.Null(await fixture.Registry.GetAsync("remove"));
        Assert.True(await fixture.Registry.IsBuiltInAsync("remove"));
    }

    [Fact]
    public async Task A_registration_that_lost_its_name_to_another_stores_nothing()
    {
        string name = "taken-" + Guid.NewGuid().ToString("N")[..6];
        Assert.Null(await fixture.Registry.TryClaimAsync(name, "someone-else", DateTimeOffset.UtcNow, (_, _) => Task.FromResult(false)));
        string id = await RegisterAsync(Job(name), claim: false);

        JobRecord record = await FinishedAsync(id);
        Assert.Equal(JobState.Failed, record.State);
        Assert.Null(await fixture.Registry.GetAsync(name));
        Assert.Equal("someone-else", (await fixture.Registry.GetClaimAsync(name))!.RegistrationId);
    }

    [Fact]
    public async Task A_retry_of_a_registration_that_stored_its_task_before_dying_reports_that_task()
    {
        // The earlier attempt stored the task (which released the claim) and died before completing its job.
        string name = "stored-" + Guid.NewGuid().ToString("N")[..6];
        string id = JobQueue.NewJobId();
        Assert.Null(await fixture.Registry.TryClaimAsync(name, id, DateTimeOffset.UtcNow, (_, _) => Task.FromResult(false)));
        var stored = new TaskInfo { Name = name, Description = "stored by the first attempt", RegistrationId = id, ExampleCount = 3 };
        await fixture.Registry.RegisterAsync(name, id, new byte[sizeof(float) * TinyModelFolder.TaskEmbeddingDim], Google.Protobuf.JsonFormatter.Default.Format(stored));
        Assert.Null(await fixture.Registry.GetClaimAsync(name));
        await fixture.Registrations.Jobs.EnqueueAsync(id, Job(name).ToByteArray());

        TaskInversionJobResult result = await SucceededAsync(id);
        Assert.Equal((name, id, "stored by the first attempt", 1L), (result.Task.Name, result.Task.RegistrationId, result.Task.Description, result.Task.Version));
        Assert.Equal(await fixture.Registry.GetVersionAsync(), result.RegistryVersion);
        // Nothing was learned or written again.
        Assert.Equal(1, (await fixture.Registry.GetAsync(name))!.Version);
    }
}
