using EmuEdit.Contracts.V1;
using EmuEdit.DiffusionWorker.Tests.Support;
using EmuEdit.Pipeline.Engine;
using EmuEdit.Pipeline.Tests.Support;
using EmuEdit.Queue;
using System.Buffers.Binary;
using System.Diagnostics;
using EmuEdit.Pipeline.Tasks;
using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;
using JobState = EmuEdit.Queue.JobState;

namespace EmuEdit.DiffusionWorker.Tests;

public sealed class DiffusionWorkerTests(WorkerFixture fixture) : IClassFixture<WorkerFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private const int Steps = 4;

    private static EditJob Job(ulong seed, string instruction = "remove the red circle", int steps = Steps, byte[]? image = null) => new()
    {
        ImagePng = ByteString.CopyFrom(image ?? TestImages.Gradient()),
        Width = 40,
        Height = 24,
        Instruction = instruction,
        Parameters = new EditParameters { Seed = seed, Steps = steps },
    };

    private async Task<JobRecord> FinishedAsync(string jobId) =>
        await Eventually.ValueAsync(async () => await fixture.Queue.GetJobAsync(jobId) is { State: JobState.Succeeded or JobState.Failed or JobState.Cancelled } r ? r : null,
            Patience, $"job {jobId} to finish");

    private async Task<EditJobResult> ResultAsync(string jobId)
    {
        var record = await FinishedAsync(jobId);
        Assert.True(record.State == JobState.Succeeded, $"job {jobId} ended {record.State}: {record.Error}");
        return EditJobResult.Parser.ParseFrom(await fixture.Queue.GetResultAsync(jobId));
    }

    private async Task<EditOutput> InProcessAsync(string id, EditJob job)
    {
        using var engine = InProcessEditEngine.Load(fixture.Services.Model.Path);
        return await engine.RunAsync(EditInput.FromJob(id, job));
    }

    [Fact]
    public async Task StoresTheImageTheInProcessEngineMakesForTheSameSeed()
    {
        var job = Job(seed: 5);
        var enqueued = await fixture.Queue.EnqueueAsync(job.ToByteArray());
        var result = await ResultAsync(enqueued.JobId);
        var expected = await InProcessAsync("local", job);
        Assert.Equal(expected.Image, result.Image.Data.ToByteArray());
        Assert.Equal((40, 24), (result.Image.Width, result.Image.Height));
        Assert.Equal("remove", result.Task);
        Assert.Equal(expected.TaskProbability, result.TaskProbability);
        Assert.Equal(5ul, result.Seed);
        Assert.Equal(Steps, result.Steps);
        var record = await fixture.Queue.GetJobAsync(enqueued.JobId);
        Assert.Equal((Steps, Steps), (record!.Step, record.TotalSteps));
    }

    [Fact]
    public async Task TheWorkersSpansContinueTheProducersTrace()
    {
        string jobId;
        ActivityTraceId trace;
        using (var produce = SpanRecorder.Producer.StartActivity("test.produce"))
        {
            trace = produce!.TraceId;
            jobId = (await fixture.Queue.EnqueueAsync(Job(seed: 17).ToByteArray())).JobId;
        }
        await ResultAsync(jobId);
        var spans = await Eventually.ValueAsync(() =>
        {
            var inTrace = fixture.Spans.Spans.Where(s => s.TraceId == trace).ToList();
            return Task.FromResult(inTrace.Any(s => s.OperationName == PipelineTelemetry.DecodeSpan) ? inTrace : null);
        }, Patience, "the decode span");
        var process = Assert.Single(spans, s => s.OperationName == "queue.process");
        foreach (var name in new[] { PipelineTelemetry.PredictSpan, PipelineTelemetry.EncodeSpan, PipelineTelemetry.SampleSpan, PipelineTelemetry.DecodeSpan })
            Assert.Equal(process.SpanId, Assert.Single(spans, s => s.OperationName == name).ParentSpanId);
        var sample = Assert.Single(spans, s => s.OperationName == PipelineTelemetry.SampleSpan);
        Assert.Equal(Steps, sample.GetTagItem(PipelineTelemetry.StepsTag));
        Assert.Equal(Steps, sample.GetTagItem(PipelineTelemetry.StepsDoneTag));
    }

    [Fact]
    public async Task JobsWaitingTogetherShareForwardsAndGiveTheImagesEachGivesAlone()
    {
        fixture.BatchSizes.Sizes.Clear();
        // The first job is long enough that the others, enqueued just after it, join while it runs.
        var jobs = new[] { Job(seed: 7, steps: Steps * 4), Job(seed: 8, "change the background to a beach", Steps + 2), Job(seed: 9, "add a green circle") };
        var ids = new List<string>();
        foreach (var job in jobs) ids.Add((await fixture.Queue.EnqueueAsync(job.ToByteArray())).JobId);
        for (var i = 0; i < jobs.Length; i++)
        {
            var result = await ResultAsync(ids[i]);
            ImageAssert.Close((await InProcessAsync($"alone-{i}", jobs[i])).Image, result.Image.Data.ToByteArray());
        }
        Assert.Contains(fixture.BatchSizes.Sizes, size => size > 1);
        Assert.All(fixture.BatchSizes.Sizes, size => Assert.InRange(size, 1, WorkerFixture.MaxBatch));
    }

    [Fact]
    public async Task ATaskRegisteredInTheRegistryCanBeNamedOnceItsChangeEventArrives()
    {
        var registry = new TaskRegistryStore(fixture.Connection, fixture.QueueOptions);
        var vector = Enumerable.Range(0, TinyModelFolder.TaskEmbeddingDim).Select(i => (float)Math.Sin(i)).ToArray();
        var bytes = new byte[vector.Length * sizeof(float)];
        for (var i = 0; i < vector.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), vector[i]);
        await registry.PutAsync("sharpen-more", bytes, "{}");
        var resolver = fixture.Worker.Services.GetRequiredService<TaskVectorResolver>();
        await Eventually.ValueAsync(() => Task.FromResult(resolver.TryResolve("sharpen-more", out _, out _) ? resolver : null),
            Patience, "the worker to learn the registered task");

        var job = Job(seed: 15);
        job.Parameters.Task = "sharpen-more";
        var result = await ResultAsync((await fixture.Queue.EnqueueAsync(job.ToByteArray())).JobId);
        Assert.Equal(("sharpen-more", 1f), (result.Task, result.TaskProbability));
    }

    [Fact]
    public async Task ATaskRegisteredBeforeItsChangeEventArrivesIsFoundByReadingTheRegistryAgain()
    {
        var registry = new TaskRegistryStore(fixture.Connection, fixture.QueueOptions);
        // A resolver that read the registry once and never hears of changes: the state of a worker whose event is late.
        var resolver = TaskVectorResolver.FromDenoiser(fixture.Worker.Services.GetRequiredService<EditDenoiser>());
        await resolver.RefreshAsync(registry);
        Assert.Null(await resolver.ResolveAsync("fresh-" + Guid.NewGuid().ToString("N")));

        var bytes = new byte[TinyModelFolder.TaskEmbeddingDim * sizeof(float)];
        BinaryPrimitives.WriteSingleLittleEndian(bytes, 0.25f);
        await registry.PutAsync("just-registered", bytes, "{}");

        var vector = await resolver.ResolveAsync("just-registered");
        Assert.NotNull(vector);
        Assert.Equal(0.25f, vector[0]);
    }

    [Fact]
    public async Task CancellingMidJobFreesTheWorker()
    {
        // Previews every step keep each step slow enough (a VAE call) for the cancel to land mid-job.
        var slow = Job(seed: 11, steps: 200);
        slow.Parameters.PreviewEvery = 1;
        var longJob = await fixture.Queue.EnqueueAsync(slow.ToByteArray());
        await using (var events = await fixture.Queue.SubscribeAsync(longJob.JobId))
        {
            using var timeout = new CancellationTokenSource(Patience);
            await foreach (var e in events.ReadAllAsync(timeout.Token))
            {
                if (e.Kind != JobEventKind.Progress) continue;
                Assert.NotNull(e.Preview);
                break;
            }
        }
        await fixture.Queue.CancelAsync(longJob.JobId);
        var cancelled = await FinishedAsync(longJob.JobId);
        Assert.Equal(JobState.Cancelled, cancelled.State);
        Assert.InRange(cancelled.Step, 1, 199);

        var next = await fixture.Queue.EnqueueAsync(Job(seed: 12).ToByteArray());
        Assert.Equal(Steps, (await ResultAsync(next.JobId)).Steps);
    }

    [Fact]
    public async Task AMalformedPayloadFailsAtOnceAndIsDeadLettered()
    {
        var bad = await fixture.Queue.EnqueueAsync(new byte[] { 0xFF, 0xFF, 0xFF, 0x01 });
        var record = await FinishedAsync(bad.JobId);
        Assert.Equal(JobState.Failed, record.State);
        Assert.Equal(1, record.Attempts);
        Assert.Contains("not an EditJob", record.Error);
        Assert.Contains(bad.JobId, await fixture.Queue.ListDeadLetteredAsync(100));

        var undecodable = Job(seed: 13, image: [1, 2, 3]);
        var badImage = await fixture.Queue.EnqueueAsync(undecodable.ToByteArray());
        var imageRecord = await FinishedAsync(badImage.JobId);
        Assert.Equal((JobState.Failed, 1), (imageRecord.State, imageRecord.Attempts));
    }
}
