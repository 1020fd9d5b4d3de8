using EmuEdit.Contracts.V1;
using EmuEdit.Model;
using EmuEdit.Queue;
using Google.Protobuf;
using Grpc.Core;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using StackExchange.Redis;

namespace EmuEdit.AppHost.Tests;

/// <summary>The gateway's own behaviour: tasks, resolved defaults, idempotency, cancel, sessions.</summary>
[Collection(EmuEditAppCollection.Name)]
public sealed class GatewayApiTests(EmuEditApp app)
{
    /// <summary>The job hash field holding the payload (docs/queue.md, "Key layout").</summary>
    private const string PayloadField = "payload";

    private static EditRequest Request(string instruction = "remove the red square", EditParameters? parameters = null) => new()
    {
        Image = TestImages.Png(TestImages.Scene()),
        Instruction = instruction,
        Parameters = parameters ?? new EditParameters(),
    };

    private async Task<EditJob> StoredJobAsync(string editId)
    {
        IConnectionMultiplexer redis = await app.RedisAsync();
        RedisValue payload = await redis.GetDatabase().HashGetAsync(new QueueKeys(QueueKeys.DefaultPrefix).Job(editId), PayloadField);
        Assert.False(payload.IsNull, $"edit {editId} has no stored payload");
        return EditJob.Parser.ParseFrom((byte[])payload!);
    }

    [Fact]
    public async Task ListTasks_lists_the_model_folder_tasks_in_order_then_registered_ones()
    {
        IConnectionMultiplexer redis = await app.RedisAsync();
        var registry = new TaskRegistryStore(redis, new JobQueueOptions());
        string name = "sepia-" + Guid.NewGuid().ToString("N")[..8];
        await registry.PutAsync(name, new byte[16 * sizeof(float)], """{"description":"old photo look","exampleInstructions":["make it sepia"]}""");

        ListTasksResponse tasks = await app.Client.ListTasksAsync(new ListTasksRequest());

        Assert.Equal(BuiltInTasks.Names, tasks.Tasks.Where(t => t.BuiltIn).Select(t => t.Name));
        Assert.All(tasks.Tasks.Where(t => t.BuiltIn), t => Assert.False(string.IsNullOrEmpty(t.Description)));
        TaskInfo learned = Assert.Single(tasks.Tasks, t => t.Name == name);
        Assert.False(learned.BuiltIn);
        Assert.Equal("old photo look", learned.Description);
        Assert.Equal(["make it sepia"], learned.ExampleInstructions);
        Assert.True(tasks.RegistryVersion >= 1);

        // A registered task is a task like the others: the gateway accepts it by name.
        SubmitEditResponse submitted = await app.Client.SubmitEditAsync(new SubmitEditRequest { Edit = Request(parameters: new EditParameters { Task = name }) });
        Assert.Equal(name, (await StoredJobAsync(submitted.EditId)).Parameters.Task);
        await app.Client.CancelEditAsync(new CancelEditRequest { EditId = submitted.EditId });
    }

    [Fact]
    public async Task SubmitEdit_resolves_every_default_into_the_job()
    {
        SubmitEditResponse first = await app.Client.SubmitEditAsync(new SubmitEditRequest { Edit = Request(parameters: new EditParameters { Task = "REMOVE" }) });
        SubmitEditResponse second = await app.Client.SubmitEditAsync(new SubmitEditRequest { Edit = Request() });
        EditJob job = await StoredJobAsync(first.EditId);
        EditJob other = await StoredJobAsync(second.EditId);

        // The served model's own settings (its config.json): the gateway names no defaults of its own.
        Assert.Equal(TinyModelFolder.DefaultSteps, job.Parameters.Steps);
        Assert.True(job.Parameters.HasSeed);
        Assert.NotEqual(job.Parameters.Seed, other.Parameters.Seed);
        Assert.Equal(TinyModelFolder.ImageGuidanceScale, job.Parameters.ImageGuidanceScale);
        Assert.Equal(TinyModelFolder.TextGuidanceScale, job.Parameters.TextGuidanceScale);
        Assert.Equal(ImageFormat.Png, job.Parameters.OutputFormat);
        Assert.Equal("remove", job.Parameters.Task);
        Assert.False(other.Parameters.HasTask);
        Assert.Equal((TinyModelFolder.ImageSize, TinyModelFolder.ImageSize), (job.Width, job.Height));
        Assert.Equal("remove the red square", job.Instruction);
        using (var decoded = SixLabors.ImageSharp.Image.Load<Rgb24>(job.ImagePng.ToByteArray()))
        {
            Assert.Equal(TinyModelFolder.ImageSize, decoded.Width);
        }
        Assert.False(first.Duplicate);
        Assert.Equal(first.EditId, first.Status.EditId);

        await app.Client.CancelEditAsync(new CancelEditRequest { EditId = first.EditId });
        await app.Client.CancelEditAsync(new CancelEditRequest { EditId = second.EditId });
    }

    [Fact]
    public async Task SubmitEdit_with_a_seen_idempotency_key_returns_the_first_edit()
    {
        string key = "client-retry-" + Guid.NewGuid().ToString("N");
        SubmitEditResponse first = await app.Client.SubmitEditAsync(new SubmitEditRequest { Edit = Request(), IdempotencyKey = key });
        SubmitEditResponse again = await app.Client.SubmitEditAsync(new SubmitEditRequest { Edit = Request(), IdempotencyKey = key });
        Assert.False(first.Duplicate);
        Assert.True(again.Duplicate);
        Assert.Equal(first.EditId, again.EditId);
        // Keys are each caller's own: another API key sending the same key submits an edit of its own.
        var otherCaller = new EditingService.EditingServiceClient(app.GatewayCalls(EmuEditApp.AdminKey));
        SubmitEditResponse other = await otherCaller.SubmitEditAsync(new SubmitEditRequest { Edit = Request(), IdempotencyKey = key });
        Assert.False(other.Duplicate);
        Assert.NotEqual(first.EditId, other.EditId);
        await app.Client.CancelEditAsync(new CancelEditRequest { EditId = first.EditId });
        await app.Client.CancelEditAsync(new CancelEditRequest { EditId = other.EditId });

        RpcException tooLong = await Assert.ThrowsAsync<RpcException>(async () =>
            await app.Client.SubmitEditAsync(new SubmitEditRequest { Edit = Request(), IdempotencyKey = new string('k', 129) }));
        Assert.Equal(StatusCode.InvalidArgument, tooLong.StatusCode);
    }

    [Fact]
    public async Task CancelEdit_cancels_and_GetEdit_reports_it()
    {
        SubmitEditResponse submitted = await app.Client.SubmitEditAsync(new SubmitEditRequest { Edit = Request(parameters: new EditParameters { Steps = 200 }) });
        EditStatus cancelled = await app.Client.CancelEditAsync(new CancelEditRequest { EditId = submitted.EditId });
        Assert.True(cancelled.CancelRequested);

        // A waiting edit is cancelled at once; a running one at its worker's next step.
        EditStatus status = await Eventually.ReturnsAsync(
            () => app.Client.GetEditAsync(new GetEditRequest { EditId = submitted.EditId }).ResponseAsync,
            s => s.State == EmuEdit.Contracts.V1.JobState.Cancelled, TimeSpan.FromSeconds(60));
        Assert.NotNull(status.FinishedAt);
        Assert.Equal(-1, status.QueuePosition);
    }

    [Fact]
    public async Task A_blank_session_starts_from_the_fill_colour()
    {
        Session session = await app.Client.CreateSessionAsync(new CreateSessionRequest { Blank = new BlankImage { Width = 64, Height = 32, Rgba = 0x2040E0FF } });
        Assert.False(string.IsNullOrEmpty(session.SessionId));
        Assert.Equal((64, 32), (session.CurrentImage.Width, session.CurrentImage.Height));
        using (var image = SixLabors.ImageSharp.Image.Load<Rgb24>(session.CurrentImage.Data.ToByteArray()))
        {
            Assert.Equal(new Rgb24(0x20, 0x40, 0xE0), image[10, 10]);
        }

        Session read = await app.Client.GetSessionAsync(new GetSessionRequest { SessionId = session.SessionId });
        Assert.Empty(read.Turns);
        Assert.Equal(session.CurrentImage.Data, read.CurrentImage.Data);
    }

    [Fact]
    public async Task Session_requests_are_checked()
    {
        RpcException neither = await Assert.ThrowsAsync<RpcException>(async () => await app.Client.CreateSessionAsync(new CreateSessionRequest()));
        Assert.Equal(StatusCode.InvalidArgument, neither.StatusCode);
        RpcException oddSize = await Assert.ThrowsAsync<RpcException>(async () =>
            await app.Client.CreateSessionAsync(new CreateSessionRequest { Blank = new BlankImage { Width = 60, Height = 64 } }));
        Assert.Equal(StatusCode.InvalidArgument, oddSize.StatusCode);
        Assert.Contains("multiple of 8", oddSize.Status.Detail);

        using var unknown = app.Client.EditInSession(new EditInSessionRequest { SessionId = "no-such-session", Instruction = "add a star" });
        RpcException missing = await Assert.ThrowsAsync<RpcException>(() => unknown.ResponseStream.MoveNext());
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);

        Session session = await app.Client.CreateSessionAsync(new CreateSessionRequest { Blank = new BlankImage { Width = 64, Height = 64 } });
        using var badThreshold = app.Client.EditInSession(new EditInSessionRequest { SessionId = session.SessionId, Instruction = "add a star", Threshold = 2 });
        RpcException threshold = await Assert.ThrowsAsync<RpcException>(() => badThreshold.ResponseStream.MoveNext());
        Assert.Equal(StatusCode.InvalidArgument, threshold.StatusCode);
    }
}
