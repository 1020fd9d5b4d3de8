using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using EmuEdit.Contracts.V1;
using EmuEdit.Pipeline.Engine;
using Grpc.Core;

namespace EmuEdit.AppHost.Tests;

/// <summary>Edits that run through every service: gateway, queue, diffusion workers and the three model services.</summary>
[Collection(EmuEditAppCollection.Name)]
public sealed class WorkerEditTests(EmuEditApp app)
{
    private const int Steps = 6;
    private const ulong Seed = 424242;
    private static readonly TimeSpan EditTimeout = TimeSpan.FromMinutes(3);

    /// <summary>Long enough that a cancel or a kill lands while the sampler is still running.</summary>
    private const int LongSteps = 200;

    private static EditRequest Request(int steps = Steps, ulong seed = Seed) => new()
    {
        Image = TestImages.Png(TestImages.Scene()),
        Instruction = "remove the red triangle",
        Parameters = new EditParameters { Steps = steps, Seed = seed },
    };

    [Fact]
    public async Task An_edit_matches_the_in_process_engine_and_reports_every_step()
    {
        using var call = app.Client.Edit(Request(), deadline: DateTime.UtcNow.Add(EditTimeout));
        EditStreams.Outcome outcome = await EditStreams.ReadAsync(call);
        Assert.Null(outcome.Error);

        Assert.Equal(EditEvent.EventOneofCase.Accepted, outcome.Events[0].EventCase);
        Assert.Equal(1, Assert.Single(outcome.Starts).Attempt);
        Assert.Equal(Enumerable.Range(1, Steps), outcome.Progress.Select(p => p.Step));
        Assert.All(outcome.Progress, p => Assert.Equal(Steps, p.TotalSteps));
        Assert.Equal(EditEvent.EventOneofCase.Result, outcome.Events[^1].EventCase);
        EditResult result = outcome.Result!;
        Assert.Equal(Seed, result.Seed);
        Assert.Equal(Steps, result.Steps);
        Assert.Equal((TinyModelFolder.ImageSize, TinyModelFolder.ImageSize), (result.Image.Width, result.Image.Height));

        using EditEngine engine = InProcessEditEngine.Load(app.Model.Path);
        // Guidance left to the engine, which takes the model's own: the gateway gave the worker the same.
        EditOutput local = await engine.RunAsync(new EditInput("local", TestImages.Scene(), "remove the red triangle")
        {
            Steps = Steps,
            Seed = Seed,
        });
        Assert.Equal(local.Task, result.Task);
        Assert.InRange(ImageComparison.MaxChannelDifference(local.Image, result.Image.Data.ToByteArray()), 0, 1);

        EditStatus status = await app.Client.GetEditAsync(new GetEditRequest { EditId = outcome.Events[0].EditId });
        Assert.Equal(JobState.Succeeded, status.State);
        Assert.Equal(result.Image.Data, status.Result.Image.Data);
    }

    [Fact]
    public async Task CancelEdit_stops_a_running_edit()
    {
        using var call = app.Client.Edit(Request(steps: LongSteps), deadline: DateTime.UtcNow.Add(EditTimeout));
        string? editId = null;
        bool cancelSent = false;
        EditStreams.Outcome outcome = await EditStreams.ReadAsync(call, async e =>
        {
            editId = e.EditId;
            // The first progress event the stream delivers, whichever step it is: on a loaded machine the
            // subscription can start after step 1 was published, and pub/sub does not replay.
            if (e.EventCase == EditEvent.EventOneofCase.Progress && !cancelSent)
            {
                cancelSent = true;
                await app.Client.CancelEditAsync(new CancelEditRequest { EditId = e.EditId });
            }
        });

        Assert.Equal(StatusCode.Cancelled, outcome.Error?.StatusCode);
        EditStatus status = await app.Client.GetEditAsync(new GetEditRequest { EditId = editId! });
        Assert.Equal(JobState.Cancelled, status.State);
        Assert.True(status.Step < LongSteps, $"the edit ran all {LongSteps} steps before it stopped");
    }

    [Fact]
    public async Task Cancelling_the_call_cancels_the_edit()
    {
        using var cancel = new CancellationTokenSource();
        using var call = app.Client.Edit(Request(steps: LongSteps), cancellationToken: cancel.Token);
        string? editId = null;
        EditStreams.Outcome outcome = await EditStreams.ReadAsync(call, async e =>
        {
            editId = e.EditId;
            if (e.EventCase == EditEvent.EventOneofCase.Progress) await cancel.CancelAsync();
        });
        Assert.Equal(StatusCode.Cancelled, outcome.Error?.StatusCode);

        EditStatus status = await Eventually.ReturnsAsync(
            () => app.Client.GetEditAsync(new GetEditRequest { EditId = editId! }).ResponseAsync,
            s => s.State == JobState.Cancelled, TimeSpan.FromSeconds(60));
        Assert.True(status.CancelRequested);
    }

    [Fact]
    public async Task A_session_turn_result_becomes_the_current_image()
    {
        Session session = await app.Client.CreateSessionAsync(new CreateSessionRequest { Image = TestImages.Png(TestImages.Scene()) });
        using var call = app.Client.EditInSession(
            new EditInSessionRequest { SessionId = session.SessionId, Instruction = "add a green circle", Parameters = new EditParameters { Steps = Steps, Seed = Seed } },
            deadline: DateTime.UtcNow.Add(EditTimeout));
        EditStreams.Outcome outcome = await EditStreams.ReadAsync(call);
        Assert.Null(outcome.Error);

        Session after = await app.Client.GetSessionAsync(new GetSessionRequest { SessionId = session.SessionId, IncludeImages = true });
        SessionTurn turn = Assert.Single(after.Turns);
        Assert.Equal(1, turn.Index);
        Assert.Equal(JobState.Succeeded, turn.Edit.State);
        Assert.Equal(session.SessionId, turn.Edit.SessionId);
        Assert.Equal(0, ImageComparison.MaxChannelDifference(outcome.Result!.Image.Data.ToByteArray(), after.CurrentImage.Data.ToByteArray()));
        Assert.Equal(after.CurrentImage.Data, turn.Edit.Result.Image.Data);
        // The turn's result outlives the queue's hour: a turn nobody settled in time is still applied later.
        var redis = await app.RedisAsync();
        TimeSpan? resultTtl = await redis.GetDatabase().KeyTimeToLiveAsync(new EmuEdit.Queue.QueueKeys(EmuEdit.Queue.QueueKeys.DefaultPrefix).Result(turn.Edit.EditId));
        Assert.InRange(resultTtl!.Value, TimeSpan.FromHours(23), TimeSpan.FromHours(24));

        // A second turn edits the first one's result; a read without images names every turn and carries no turn image.
        using var second = app.Client.EditInSession(
            new EditInSessionRequest { SessionId = session.SessionId, Instruction = "make it darker", Parameters = new EditParameters { Steps = Steps, Seed = Seed } },
            deadline: DateTime.UtcNow.Add(EditTimeout));
        EditStreams.Outcome secondOutcome = await EditStreams.ReadAsync(second);
        Assert.Null(secondOutcome.Error);
        Session plain = await app.Client.GetSessionAsync(new GetSessionRequest { SessionId = session.SessionId });
        Assert.Equal([(1, "add a green circle"), (2, "make it darker")], plain.Turns.Select(t => (t.Index, t.Instruction)));
        Assert.All(plain.Turns, t => Assert.Equal(JobState.Succeeded, t.Edit.State));
        Assert.All(plain.Turns, t => Assert.Null(t.Edit.Result?.Image));
        Session full = await app.Client.GetSessionAsync(new GetSessionRequest { SessionId = session.SessionId, IncludeImages = true });
        Assert.Equal(after.CurrentImage.Data, full.Turns[0].Edit.Result.Image.Data);
        Assert.Equal(full.CurrentImage.Data, full.Turns[1].Edit.Result.Image.Data);
        Assert.Equal(plain.CurrentImage.Data, full.CurrentImage.Data);

        // A settled turn's result is the session's own: reading the session needs no stored queue result (nor
        // fetches one, with its image), so it outlives the queue's results.
        var queueKeys = new EmuEdit.Queue.QueueKeys(EmuEdit.Queue.QueueKeys.DefaultPrefix);
        foreach (SessionTurn t in full.Turns) Assert.True(await redis.GetDatabase().KeyDeleteAsync(queueKeys.Result(t.Edit.EditId)));
        Session later = await app.Client.GetSessionAsync(new GetSessionRequest { SessionId = session.SessionId, IncludeImages = true });
        Assert.Equal(full.Turns.Select(t => (t.Edit.Result.Task, t.Edit.Result.Seed, t.Edit.Result.Steps, t.Edit.Result.Image.Data)),
            later.Turns.Select(t => (t.Edit.Result.Task, t.Edit.Result.Seed, t.Edit.Result.Steps, t.Edit.Result.Image.Data)));
        Assert.Equal([(outcome.Result.Task, Seed, Steps), (secondOutcome.Result!.Task, Seed, Steps)],
            later.Turns.Select(t => (t.Edit.Result.Task, t.Edit.Result.Seed, t.Edit.Result.Steps)));
    }

    [Fact]
    public async Task One_edit_is_one_trace_across_all_five_services()
    {
        ActivityTraceId traceId = ActivityTraceId.CreateRandom();
        var headers = new Metadata { { "traceparent", $"00-{traceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01" } };
        using (var call = app.Client.Edit(Request(), headers, deadline: DateTime.UtcNow.Add(EditTimeout)))
        {
            Assert.Null((await EditStreams.ReadAsync(call)).Error);
        }

        string[] expected = [EmuEditApp.Gateway, EmuEditApp.Worker, "task-predictor", "text-encoder", "vae-decoder"];
        using var http = new HttpClient { BaseAddress = await app.DashboardAsync() };
        // Exporters batch spans for a few seconds before they reach the dashboard.
        HashSet<string> services = await Eventually.ReturnsAsync(
            async () => await ServicesInTraceAsync(http, traceId.ToHexString()),
            seen => expected.All(seen.Contains), TimeSpan.FromSeconds(60));
        Assert.Superset(expected.ToHashSet(), services);
    }

    /// <summary>Every service.name that appears in the dashboard's JSON for one trace.</summary>
    private static async Task<HashSet<string>> ServicesInTraceAsync(HttpClient http, string traceId)
    {
        using HttpResponseMessage response = await http.GetAsync($"/api/telemetry/traces/{traceId}");
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (!response.IsSuccessStatusCode) return names;
        using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Collect(json.RootElement, names);
        return names;
    }

    /// <summary>OTLP JSON keeps resource attributes as {"key": "service.name", "value": {"stringValue": ...}}; the shape around them may vary.</summary>
    private static void Collect(JsonElement element, HashSet<string> names)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                if (element.TryGetProperty("key", out JsonElement key) && key.ValueKind == JsonValueKind.String && key.GetString() == "service.name"
                    && element.TryGetProperty("value", out JsonElement value))
                {
                    string? name = value.ValueKind == JsonValueKind.String ? value.GetString()
                        : value.TryGetProperty("stringValue", out JsonElement s) ? s.GetString() : null;
                    if (name is not null) names.Add(name);
                }
                foreach (JsonProperty property in element.EnumerateObject())
                {
                    if (property.Name is "serviceName" or "service.name" && property.Value.ValueKind == JsonValueKind.String) names.Add(property.Value.GetString()!);
                    Collect(property.Value, names);
                }
                break;
            case JsonValueKind.Array:
                foreach (JsonElement item in element.EnumerateArray()) Collect(item, names);
                break;
        }
    }

    [Fact]
    public async Task A_killed_workers_job_completes_on_another_worker_with_one_result()
    {
        IReadOnlyList<ResourceEvent> workers = app.Instances(EmuEditApp.Worker);
        Assert.Equal(EmuEditApp.WorkerReplicas, workers.Count);
        string victim = workers[0].ResourceId, survivor = workers[1].ResourceId;

        // Only the victim takes the job: the survivor is stopped until the job runs.
        await app.App.ResourceCommands.ExecuteCommandAsync(survivor, KnownResourceCommands.StopCommand);
        await app.WaitForInstanceAsync(survivor, s => s.State?.Text is not null && s.State.Text != KnownResourceStates.Running, TimeSpan.FromSeconds(60));
        try
        {
            using var call = app.Client.Edit(Request(steps: LongSteps), deadline: DateTime.UtcNow.Add(EditTimeout));
            bool killed = false;
            EditStreams.Outcome outcome = await EditStreams.ReadAsync(call, async e =>
            {
                if (killed || e.EventCase != EditEvent.EventOneofCase.Progress) return;
                killed = true;
                await app.App.ResourceCommands.ExecuteCommandAsync(survivor, KnownResourceCommands.StartCommand);
                await app.WaitForInstanceAsync(survivor, s => s.State?.Text == KnownResourceStates.Running, TimeSpan.FromSeconds(60));
                // SIGKILL, no goodbye: the job is only freed when the victim's heartbeat expires.
                using Process process = Process.GetProcessById(app.ProcessId(victim));
                process.Kill(entireProcessTree: true);
            });

            Assert.Null(outcome.Error);
            Assert.True(killed);
            Assert.Equal([1, 2], outcome.Starts.Select(s => s.Attempt));
            string editId = outcome.Events[0].EditId;
            EditStatus status = await app.Client.GetEditAsync(new GetEditRequest { EditId = editId });
            Assert.Equal(JobState.Succeeded, status.State);
            Assert.Equal(2, status.Attempts);
            Assert.Equal(outcome.Result!.Image.Data, status.Result.Image.Data);
            Assert.Single(outcome.Events, e => e.EventCase == EditEvent.EventOneofCase.Result);
        }
        finally
        {
            // The collection's other tests expect both workers.
            await app.App.ResourceCommands.ExecuteCommandAsync(victim, KnownResourceCommands.StartCommand);
            await app.App.ResourceCommands.ExecuteCommandAsync(survivor, KnownResourceCommands.StartCommand);
            await app.WaitForInstanceAsync(victim, s => s.State?.Text == KnownResourceStates.Running, TimeSpan.FromSeconds(60));
        }
    }
}
