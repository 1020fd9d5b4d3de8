using EmuEdit.Contracts.V1;
using EmuEdit.Pipeline.Tests.Support;
using EmuEdit.Queue;
using EmuEdit.TaskPrediction;
using EmuEdit.Testing;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace EmuEdit.DiffusionWorker.Tests.Support;

/// <summary>
/// A worker whose model folder is another model of the same sizes than the one the model services serve: its
/// U-Net was trained (here: drawn) with another autoencoder. A job waits in the queue before it starts.
/// </summary>
public sealed class MismatchedModelWorkerFixture : WorkerFixture
{
    private readonly string _otherModel = Path.Combine(Path.GetTempPath(), $"emuedit-other-model-{Guid.NewGuid():N}");

    public LogRecorder Logs { get; } = new();

    public string WaitingJobId { get; } = JobQueue.NewJobId();

    protected override async Task BeforeWorkerStartsAsync()
    {
        var tasks = TinyModelFolder.Phrasings.Select(p => p.Task).Distinct().ToArray();
        RandomModelFolder.Write(_otherModel, TinyModelFolder.ConfigJson,
            TinyModelFolder.Phrasings.Select(p => new LabelledInstruction(p.Instruction, p.Task)).ToArray(), tasks, weightSeed: 8, perturbScale: 0.05);
        var job = new EditJob
        {
            ImagePng = ByteString.CopyFrom(TestImages.Gradient()),
            Instruction = "remove the red circle",
            Parameters = new EditParameters { Seed = 3, Steps = 2 },
        };
        await Queue.EnqueueAsync(WaitingJobId, job.ToByteArray());
    }

    protected override void AdjustSettings(IDictionary<string, string?> settings) => settings["Model:Directory"] = _otherModel;

    protected override void ConfigureWorker(WebApplicationBuilder builder) => builder.Logging.AddProvider(Logs);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        try { Directory.Delete(_otherModel, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
