using EmuEdit.GarnetHost;
using EmuEdit.Pipeline.Tests.Support;
using EmuEdit.Queue;
using StackExchange.Redis;

namespace EmuEdit.DiffusionWorker.Tests.Support;

/// <summary>
/// A Garnet server, the three model services and one diffusion worker host composed as its Program.cs
/// composes it; tests enqueue EditJob payloads as the gateway does and read what the worker stored.
/// </summary>
public sealed class WorkerFixture : IAsyncLifetime
{
    public const int MaxBatch = 4;

    private EmbeddedGarnetServer? _garnet;

    public ModelServicesFixture Services { get; } = new();

    public BatchSizeRecorder BatchSizes { get; } = new();

    public ConnectionMultiplexer Connection { get; private set; } = null!;

    public JobQueue Queue { get; private set; } = null!;

    public JobQueueOptions QueueOptions { get; } = new()
    {
        KeyPrefix = $"emuedit-worker-test-{Guid.NewGuid():N}",
        PollInterval = TimeSpan.FromMilliseconds(100),
        RetryBaseDelay = TimeSpan.FromMilliseconds(100),
    };

    public ServiceHost Worker { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Services.InitializeAsync();
        _garnet = EmbeddedGarnetServer.Start(new EmbeddedGarnetOptions { Port = FreePort.Next() });
        Connection = await ConnectionMultiplexer.ConnectAsync(_garnet.ConnectionString);
        Queue = new JobQueue(Connection, QueueOptions);
        Worker = await ServiceHost.StartAsync(b => b.AddDiffusionWorker(), a => a.MapDiffusionWorker(), new Dictionary<string, string?>
        {
            ["Model:Directory"] = Services.Model.Path,
            ["ConnectionStrings:redis"] = _garnet.ConnectionString,
            ["ModelServices:TaskPredictor"] = Services.TaskPredictor.Address.ToString(),
            ["ModelServices:TextEncoder"] = Services.TextEncoder.Address.ToString(),
            ["ModelServices:VaeDecoder"] = Services.VaeDecoder.Address.ToString(),
            ["Queue:KeyPrefix"] = QueueOptions.KeyPrefix,
            ["Queue:PollInterval"] = QueueOptions.PollInterval.ToString(),
            ["Queue:RetryBaseDelay"] = QueueOptions.RetryBaseDelay.ToString(),
            ["Worker:CancellationCheckInterval"] = TimeSpan.Zero.ToString(),
            ["Pipeline:MaxBatchSize"] = MaxBatch.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
    }

    public async Task DisposeAsync()
    {
        await Worker.DisposeAsync();
        await Connection.DisposeAsync();
        _garnet?.Dispose();
        BatchSizes.Dispose();
        await Services.DisposeAsync();
    }
}
