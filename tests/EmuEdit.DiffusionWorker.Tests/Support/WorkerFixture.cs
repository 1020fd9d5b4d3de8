using EmuEdit.GarnetHost;
using EmuEdit.Pipeline.Tests.Support;
using EmuEdit.Queue;
using Microsoft.AspNetCore.Builder;
using StackExchange.Redis;

namespace EmuEdit.DiffusionWorker.Tests.Support;

/// <summary>
/// A Garnet server, the three model services and one diffusion worker host composed as its Program.cs
/// composes it; tests enqueue EditJob payloads as the gateway does and read what the worker stored.
/// </summary>
public class WorkerFixture : IAsyncLifetime
{
    public const int MaxBatch = 4;

    private EmbeddedGarnetServer? _garnet;

    public ModelServicesFixture Services { get; } = new();

    public BatchSizeRecorder BatchSizes { get; } = new();

    public SpanRecorder Spans { get; } = new();

    public ConnectionMultiplexer Connection { get; private set; } = null!;

    public JobQueue Queue { get; private set; } = null!;

    public JobQueueOptions QueueOptions { get; } = new()
    {
        KeyPrefix = $"emuedit-worker-test-{Guid.NewGuid():N}",
        PollInterval = TimeSpan.FromMilliseconds(100),
        RetryBaseDelay = TimeSpan.FromMilliseconds(100),
    };

    public ServiceHost Worker { get; private set; } = null!;

    /// <summary>The worker's Worker:WorkerId; null = the default (host name plus a random suffix).</summary>
    protected virtual string? WorkerId => null;

    /// <summary>Runs once the queue is up and before the worker starts.</summary>
    protected virtual Task BeforeWorkerStartsAsync() => Task.CompletedTask;

    /// <summary>The worker is expected to stop itself, possibly before its start completes.</summary>
    protected virtual bool StopsWhileStarting => false;

    /// <summary>Changes the worker's settings before it starts (its queue address, for one).</summary>
    protected virtual void AdjustSettings(IDictionary<string, string?> settings)
    {
    }

    /// <summary>Adds to the worker's host before its services are registered (a log provider, for one).</summary>
    protected virtual void ConfigureWorker(WebApplicationBuilder builder)
    {
    }

    public async Task InitializeAsync()
    {
        await Services.InitializeAsync();
        _garnet = EmbeddedGarnetServer.Start(new EmbeddedGarnetOptions { Port = FreePort.Next() });
        Connection = await ConnectionMultiplexer.ConnectAsync(_garnet.ConnectionString);
        Queue = new JobQueue(Connection, QueueOptions);
        await BeforeWorkerStartsAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Model:Directory"] = Services.Model.Path,
            ["ConnectionStrings:redis"] = _garnet.ConnectionString,
            ["ModelServices:TaskPredictor"] = Services.TaskPredictor.Address.ToString(),
            ["ModelServices:TextEncoder"] = Services.TextEncoder.Address.ToString(),
            ["ModelServices:VaeDecoder"] = Services.VaeDecoder.Address.ToString(),
            ["Queue:KeyPrefix"] = QueueOptions.KeyPrefix,
            ["Queue:PollInterval"] = QueueOptions.PollInterval.ToString(),
            ["Queue:RetryBaseDelay"] = QueueOptions.RetryBaseDelay.ToString(),
            ["Queue:HeartbeatTtl"] = QueueOptions.HeartbeatTtl.ToString(),
            ["Worker:CancellationCheckInterval"] = TimeSpan.Zero.ToString(),
            ["Pipeline:MaxBatchSize"] = MaxBatch.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (WorkerId is { } name) settings["Worker:WorkerId"] = name;
        AdjustSettings(settings);
        Worker = await ServiceHost.StartAsync(b =>
        {
            ConfigureWorker(b);
            b.AddDiffusionWorker();
        }, a => a.MapDiffusionWorker(), settings, mayStopWhileStarting: StopsWhileStarting);
    }

    public virtual async Task DisposeAsync()
    {
        await Worker.DisposeAsync();
        await Connection.DisposeAsync();
        _garnet?.Dispose();
        BatchSizes.Dispose();
        Spans.Dispose();
        await Services.DisposeAsync();
    }
}
