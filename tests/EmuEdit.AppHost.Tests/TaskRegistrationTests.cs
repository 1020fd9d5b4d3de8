using Aspire.Hosting.ApplicationModel;
using EmuEdit.Contracts.V1;
using EmuEdit.Queue;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using StackExchange.Redis;
using JobState = EmuEdit.Contracts.V1.JobState;

namespace EmuEdit.AppHost.Tests;

/// <summary>
/// Task inversion through the whole system: RegisterTask at the gateway, the inversion service learning the
/// task from the registration queue, the registry, and the diffusion workers editing with it.
/// </summary>
[Collection(EmuEditAppCollection.Name)]
public sealed class TaskRegistrationTests(EmuEditApp app)
{
    private const int Steps = 4;
    private const int InversionSteps = 16;
    private const ulong Seed = 777;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);
    private static readonly QueueKeys Keys = new(QueueKeys.DefaultPrefix);

    private static string NewName(string stem) => $"{stem}-{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>The scene with its square moved by <paramref name="shift"/>, and as the task's output its colours inverted.</summary>
    private static TaskExample Example(int shift, string instruction = "invert the colours", int outputSize = TinyModelFolder.ImageSize)
    {
        byte[] input = Scene(shift);
        using var inverted = SixLabors.ImageSharp.Image.Load<Rgb24>(Scene(shift, outputSize));
        inverted.ProcessPixelRows(rows =>
        {
            for (int y = 0; y < rows.Height; y++)
            {
                foreach (ref Rgb24 p in rows.GetRowSpan(y)) p = new Rgb24((byte)(255 - p.R), (byte)(255 - p.G), (byte)(255 - p.B));
            }
        });
        using var png = new MemoryStream();
        inverted.SaveAsPng(png);
        return new TaskExample { Input = TestImages.Png(input), Instruction = instruction, Output = TestImages.Png(png.ToArray()) };
    }

    private static byte[] Scene(int shift, int size = TinyModelFolder.ImageSize)
    {
        using var image = SixLabors.ImageSharp.Image.Load<Rgb24>(TestImages.Scene(size));
        image.Mutate(shift);
        using var png = new MemoryStream();
        image.SaveAsPng(png);
        return png.ToArray();
    }

    private static RegisterTaskRequest Registration(string name, int steps = InversionSteps, int heldOut = 0) => new()
    {
        Name = name,
        Description = "turns every colour into its opposite",
        Examples = { Example(0), Example(5, "make it a negative"), Example(10) },
        HeldOutExamples = { Enumerable.Range(0, heldOut).Select(i => Example(15 + 5 * i)) },
        Options = new InversionOptions { Steps = steps, LearningRate = 5e-2, BatchSize = 2, Seed = 11, ValidationSteps = 2 },
    };

    private async Task<RegistrationStatus> FinishedAsync(string registrationId) =>
        await Eventually.ReturnsAsync(
            () => app.Tasks.GetTaskRegistrationAsync(new GetTaskRegistrationRequest { RegistrationId = registrationId }).ResponseAsync,
            s => s.State is JobState.Succeeded or JobState.Failed, Patience);

    private async Task<RegistrationStatus> RegisterAsync(RegisterTaskRequest request)
    {
        RegisterTaskResponse response = await app.Tasks.RegisterTaskAsync(request);
        RegistrationStatus status = await FinishedAsync(response.RegistrationId);
        Assert.True(status.State == JobState.Succeeded, $"registration {response.RegistrationId} ended {status.State}: {status.Error}");
        return status;
    }

    private static EditRequest Edit(string? task) => new()
    {
        Image = TestImages.Png(TestImages.Scene()),
        Instruction = "invert the colours",
        Parameters = task is null ? new EditParameters { Steps = Steps, Seed = Seed } : new EditParameters { Steps = Steps, Seed = Seed, Task = task },
    };

    /// <summary>Runs an edit to its end; returns the result and the worker that ran it.</summary>
    private async Task<(EditResult Result, string Worker)> EditAsync(string? task)
    {
        using var call = app.Client.Edit(Edit(task), deadline: DateTime.UtcNow.Add(Patience));
        EditStreams.Outcome outcome = await EditStreams.ReadAsync(call);
        Assert.Null(outcome.Error);
        IConnectionMultiplexer redis = await app.RedisAsync();
        RedisValue worker = await redis.GetDatabase().HashGetAsync(Keys.Job(outcome.Events[0].EditId), "worker");
        return (outcome.Result!, worker.ToString());
    }

    [Fact]
    public async Task A_registered_task_is_live_on_a_running_worker_and_one_started_later_and_built_in_edits_stay_bit_identical()
    {
        IReadOnlyList<ResourceEvent> workers = app.Instances(EmuEditApp.Worker);
        string first = workers[0].ResourceId, second = workers[1].ResourceId;

        // Only the first worker runs while the task is learned: it must pick the task up without a restart.
        await app.App.ResourceCommands.ExecuteCommandAsync(second, KnownResourceCommands.StopCommand);
        await app.WaitForInstanceAsync(second, s => s.State?.Text is not null && s.State.Text != KnownResourceStates.Running, TimeSpan.FromSeconds(60));
        try
        {
            (EditResult builtInBefore, _) = await EditAsync("remove");
            string name = NewName("negative");
            RegistrationStatus registered = await RegisterAsync(Registration(name, heldOut: 2));
            Assert.Equal((name, InversionSteps, InversionSteps), (registered.Name, registered.Step, registered.TotalSteps));
            Assert.True(registered.Loss > 0);
            TaskInfo task = registered.Task;
            Assert.Equal((name, TaskSource.Inversion, 1L, 3, 2), (task.Name, task.Source, task.Version, task.ExampleCount, task.HeldOutExampleCount));
            Assert.Equal(2, task.Metrics.Validation.Examples);
            Assert.InRange(task.Metrics.Validation.SuccessRate, 0, 1);

            TaskInfo listed = Assert.Single((await app.Client.ListTasksAsync(new ListTasksRequest())).Tasks, t => t.Name == name);
            Assert.Equal((1L, 3, registered.RegistrationId), (listed.Version, listed.ExampleCount, listed.RegistrationId));
            Assert.Equal(task.Metrics, listed.Metrics);
            Assert.NotNull(listed.CreatedAt);

            (EditResult learned, string ranOn) = await EditAsync(name);
            Assert.Equal((name, 1f), (learned.Task, learned.TaskProbability));

            // Task inversion left the model alone: the built-in task gives the same bytes as before.
            (EditResult builtInAfter, _) = await EditAsync("remove");
            Assert.Equal(builtInBefore.Image.Data, builtInAfter.Image.Data);

            // A worker started after the registration loads the task at start.
            await app.App.ResourceCommands.ExecuteCommandAsync(second, KnownResourceCommands.StartCommand);
            await app.WaitForInstanceAsync(second, s => s.State?.Text == KnownResourceStates.Running && s.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, TimeSpan.FromSeconds(90));
            await app.App.ResourceCommands.ExecuteCommandAsync(first, KnownResourceCommands.StopCommand);
            await app.WaitForInstanceAsync(first, s => s.State?.Text is not null && s.State.Text != KnownResourceStates.Running, TimeSpan.FromSeconds(60));
            (EditResult later, string ranLater) = await EditAsync(name);
            Assert.NotEqual(ranOn, ranLater);
            Assert.Equal(learned.Image.Data, later.Image.Data);
        }
        finally
        {
            await app.App.ResourceCommands.ExecuteCommandAsync(first, KnownResourceCommands.StartCommand);
            await app.App.ResourceCommands.ExecuteCommandAsync(second, KnownResourceCommands.StartCommand);
            await app.WaitForInstanceAsync(first, s => s.State?.Text == KnownResourceStates.Running, TimeSpan.FromSeconds(60));
            await app.WaitForInstanceAsync(second, s => s.State?.Text == KnownResourceStates.Running, TimeSpan.FromSeconds(60));
        }
    }

    [Fact]
    public async Task Of_two_concurrent_registrations_of_a_name_one_wins_and_the_other_already_exists()
    {
        string name = NewName("race");
        Task<RegisterTaskResponse>[] calls = [.. Enumerable.Range(0, 2).Select(_ => app.Tasks.RegisterTaskAsync(Registration(name)).ResponseAsync)];
        var winners = new List<RegisterTaskResponse>();
        var losers = new List<RpcException>();
        foreach (Task<RegisterTaskResponse> call in calls)
        {
            try { winners.Add(await call); }
            catch (RpcException error) { losers.Add(error); }
        }
        RegisterTaskResponse winner = Assert.Single(winners);
        Assert.Equal(StatusCode.AlreadyExists, Assert.Single(losers).StatusCode);
        Assert.Contains(winner.RegistrationId, losers[0].Status.Detail, StringComparison.Ordinal);

        Assert.Equal(JobState.Succeeded, (await FinishedAsync(winner.RegistrationId)).State);
        SubmitEditResponse edit = await app.Client.SubmitEditAsync(new SubmitEditRequest { Edit = Edit(name) });
        await app.Client.CancelEditAsync(new CancelEditRequest { EditId = edit.EditId });

        // Once it is stored, registering the name again makes version 2.
        Assert.Equal(2, (await RegisterAsync(Registration(name, steps: 2))).Task.Version);
    }

    [Fact]
    public async Task An_edit_naming_a_task_still_being_registered_fails_precondition()
    {
        string name = NewName("pending");
        // Claimed as RegisterTask claims it, with its job still waiting: the state the edit must be refused in.
        IConnectionMultiplexer redis = await app.RedisAsync();
        var registry = new TaskRegistryStore(redis, new JobQueueOptions());
        var registrations = new TaskInversionQueue(redis, new JobQueueOptions { KeyPrefix = TaskInversionQueue.DefaultKeyPrefix });
        string id = JobQueue.NewJobId();
        Assert.Null(await registry.TryClaimAsync(name, id, DateTimeOffset.UtcNow, (_, _) => Task.FromResult(false)));
        try
        {
            RpcException refused = await Assert.ThrowsAsync<RpcException>(async () => await app.Client.SubmitEditAsync(new SubmitEditRequest { Edit = Edit(name) }));
            Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
            Assert.Contains("still being registered", refused.Status.Detail, StringComparison.Ordinal);
            Assert.Null(await registrations.Jobs.GetJobAsync(id));
        }
        finally
        {
            await registry.ReleaseClaimAsync(name, id);
        }
        RpcException unknown = await Assert.ThrowsAsync<RpcException>(async () => await app.Client.SubmitEditAsync(new SubmitEditRequest { Edit = Edit(name) }));
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Zero_examples_mismatched_sizes_and_corrupt_images_are_invalid_and_store_nothing()
    {
        IConnectionMultiplexer redis = await app.RedisAsync();
        IDatabase db = redis.GetDatabase();
        long versionBefore = (await app.Client.ListTasksAsync(new ListTasksRequest())).RegistryVersion;
        long queuedBefore = await db.ListLengthAsync(TaskInversionQueue.DefaultReadyList);
        string name = NewName("invalid");

        RegisterTaskRequest none = Registration(name);
        none.Examples.Clear();
        RegisterTaskRequest mismatched = Registration(name);
        mismatched.Examples.Add(Example(0, outputSize: TinyModelFolder.ImageSize / 2));
        RegisterTaskRequest corrupt = Registration(name);
        corrupt.Examples[1].Output = TestImages.Png("not a png"u8.ToArray());
        RegisterTaskRequest truncated = Registration(name);
        truncated.HeldOutExamples.Add(new TaskExample { Input = TestImages.Png(TestImages.PngHeaderClaiming(64, 64)), Instruction = "x", Output = Example(0).Output });

        foreach (RegisterTaskRequest request in new[] { none, mismatched, corrupt, truncated })
        {
            RpcException error = await Assert.ThrowsAsync<RpcException>(async () => await app.Tasks.RegisterTaskAsync(request));
            Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        }

        Assert.DoesNotContain((await app.Client.ListTasksAsync(new ListTasksRequest())).Tasks, t => t.Name == name);
        Assert.Equal(versionBefore, (await app.Client.ListTasksAsync(new ListTasksRequest())).RegistryVersion);
        Assert.Equal(queuedBefore, await db.ListLengthAsync(TaskInversionQueue.DefaultReadyList));
        Assert.False(await db.HashExistsAsync(Keys.TaskClaims, name));
        Assert.False(await db.HashExistsAsync(Keys.TaskEmbeddings, name));
    }

    [Fact]
    public async Task Registering_needs_an_admin_key_and_editing_a_client_key()
    {
        var anonymous = new EditingService.EditingServiceClient(app.GatewayCalls(null));
        var stranger = new EditingService.EditingServiceClient(app.GatewayCalls("not-a-key-0123456789abcdef"));
        var clientOnTasks = new TaskService.TaskServiceClient(app.GatewayCalls(EmuEditApp.ClientKey));
        var adminEditing = new EditingService.EditingServiceClient(app.GatewayCalls(EmuEditApp.AdminKey));

        Assert.Equal(StatusCode.Unauthenticated, (await Assert.ThrowsAsync<RpcException>(async () => await anonymous.ListTasksAsync(new ListTasksRequest()))).StatusCode);
        Assert.Equal(StatusCode.Unauthenticated, (await Assert.ThrowsAsync<RpcException>(async () => await stranger.ListTasksAsync(new ListTasksRequest()))).StatusCode);
        using (var call = anonymous.Edit(Edit(null)))
        {
            Assert.Equal(StatusCode.Unauthenticated, (await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext())).StatusCode);
        }
        Assert.Equal(StatusCode.PermissionDenied,
            (await Assert.ThrowsAsync<RpcException>(async () => await clientOnTasks.RegisterTaskAsync(Registration(NewName("denied"))))).StatusCode);
        Assert.Equal(StatusCode.PermissionDenied,
            (await Assert.ThrowsAsync<RpcException>(async () => await clientOnTasks.DeleteTaskAsync(new DeleteTaskRequest { Name = "anything" }))).StatusCode);
        Assert.NotEmpty((await adminEditing.ListTasksAsync(new ListTasksRequest())).Tasks);

        // Health checks stay open for the orchestrator.
        await app.AssertAllHealthyAsync();
    }

    [Fact]
    public async Task DeleteTask_removes_a_learned_task_and_never_a_built_in_one()
    {
        string name = NewName("short-lived");
        await RegisterAsync(Registration(name, steps: 2));

        DeleteTaskResponse deleted = await app.Tasks.DeleteTaskAsync(new DeleteTaskRequest { Name = name.ToUpperInvariant() });
        Assert.Equal(deleted.RegistryVersion, (await app.Client.ListTasksAsync(new ListTasksRequest())).RegistryVersion);
        Assert.DoesNotContain((await app.Client.ListTasksAsync(new ListTasksRequest())).Tasks, t => t.Name == name);
        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(async () => await app.Client.SubmitEditAsync(new SubmitEditRequest { Edit = Edit(name) }))).StatusCode);
        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(async () => await app.Tasks.DeleteTaskAsync(new DeleteTaskRequest { Name = name }))).StatusCode);
        Assert.Equal(StatusCode.FailedPrecondition, (await Assert.ThrowsAsync<RpcException>(async () => await app.Tasks.DeleteTaskAsync(new DeleteTaskRequest { Name = "Remove" }))).StatusCode);
        Assert.Equal(StatusCode.AlreadyExists, (await Assert.ThrowsAsync<RpcException>(async () => await app.Tasks.RegisterTaskAsync(Registration("remove")))).StatusCode);
        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(async () =>
            await app.Tasks.GetTaskRegistrationAsync(new GetTaskRegistrationRequest { RegistrationId = "no-such-registration" }))).StatusCode);
    }

    [Fact]
    public async Task The_registry_survives_a_restart_of_the_queue_server_and_of_every_service()
    {
        string name = NewName("durable");
        RegistrationStatus registered = await RegisterAsync(Registration(name, steps: 4));
        TaskInfo before = Assert.Single((await app.Client.ListTasksAsync(new ListTasksRequest())).Tasks, t => t.Name == name);

        // The queue server first (its checkpoint folder is the only copy), then every service, all at once.
        await RestartAsync([app.Instances(EmuEditApp.RedisServer).Single().ResourceId]);
        string[] services = [.. app.App.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<ProjectResource>()
            .Where(r => r.Name != EmuEditApp.RedisServer)
            .SelectMany(r => app.Instances(r.Name)).Select(i => i.ResourceId)];
        Assert.Equal(EmuEditApp.GrpcServices.Length + EmuEditApp.WorkerReplicas - 1, services.Length);
        await RestartAsync(services);
        await app.AssertAllHealthyAsync();

        TaskInfo? after = await Eventually.ReturnsAsync(
            async () => (await app.Client.ListTasksAsync(new ListTasksRequest())).Tasks.SingleOrDefault(t => t.Name == name),
            t => t is not null, Patience);
        Assert.Equal(before, after);
        Assert.Equal(registered.Task.Version, after!.Version);
        (EditResult result, _) = await EditAsync(name);
        Assert.Equal(name, result.Task);
    }

    private async Task RestartAsync(IReadOnlyList<string> instances)
    {
        await Task.WhenAll(instances.Select(id => app.App.ResourceCommands.ExecuteCommandAsync(id, KnownResourceCommands.RestartCommand)));
        foreach (string id in instances)
        {
            await app.WaitForInstanceAsync(id, s => s.State?.Text == KnownResourceStates.Running
                && s.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, TimeSpan.FromSeconds(120));
        }
    }
}

internal static class SceneShift
{
    /// <summary>Rolls the image right and down by <paramref name="shift"/> pixels, so each example is a different picture.</summary>
    public static void Mutate(this SixLabors.ImageSharp.Image<Rgb24> image, int shift)
    {
        if (shift == 0) return;
        using var copy = image.Clone();
        for (int y = 0; y < image.Height; y++)
        {
            for (int x = 0; x < image.Width; x++) image[(x + shift) % image.Width, (y + shift) % image.Height] = copy[x, y];
        }
    }
}
