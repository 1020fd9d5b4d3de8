using EmuEdit.Contracts.V1;
using EmuEdit.Pipeline.Tests.Support;
using EmuEdit.Queue;
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
    private OtherModelFolder? _otherModel;

    public LogRecorder Logs { get; } = new();

    public string WaitingJobId { get; } = JobQueue.NewJobId();

    protected override async Task BeforeWorkerStartsAsync()
    {
        _otherModel = new OtherModelFolder();
        var job = new EditJob
        {
            ImagePng = ByteString.CopyFrom(TestImages.Gradient()),
            Instruction = "remove the red circle",
            Parameters = new EditParameters { Seed = 3, Steps = 2 },
        };
        await Queue.EnqueueAsync(WaitingJobId, job.ToByteArray());
    }

    protected override bool StopsWhileStarting => true;

    protected override void AdjustSettings(IDictionary<string, string?> settings) => settings["Model:Directory"] = _otherModel!.Path;

    protected override void ConfigureWorker(WebApplicationBuilder builder) => builder.Logging.AddProvider(Logs);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _otherModel?.Dispose();
    }
}
