using EmuEdit.Pipeline.Tests.Support;
using EmuEdit.Queue;
using EmuEdit.Queue.Tests;

namespace EmuEdit.DiffusionWorker.Tests.Sigterm;

/// <summary>
/// A real redis-server (what the cluster runs) and the three model services on loopback, shared by the
/// SIGTERM tests; each test starts its own worker process with its own key prefix.
/// </summary>
public sealed class SigtermFixture : IAsyncLifetime
{
    private RedisServerFixture? _redis;

    public ModelServicesFixture Services { get; } = new();

    public RedisServerFixture Redis => _redis ?? throw new InvalidOperationException("Not initialised.");

    public async Task InitializeAsync()
    {
        _redis = new RedisServerFixture();
        await Services.InitializeAsync();
    }

    /// <summary>Queue options for one test: its own prefix, fast polling.</summary>
    public static JobQueueOptions QueueOptions() => new()
    {
        KeyPrefix = $"emuedit-sigterm-{Guid.NewGuid():N}:",
        PollInterval = TimeSpan.FromMilliseconds(100),
    };

    /// <summary>The worker's settings as the Deployment passes them: environment variables.</summary>
    public Dictionary<string, string> WorkerEnvironment(JobQueueOptions queue, string workerId, WorkerOptions worker) => new()
    {
        ["Model__Directory"] = Services.Model.Path,
        ["ConnectionStrings__redis"] = Redis.Connection.Configuration,
        ["ModelServices__TaskPredictor"] = Services.TaskPredictor.Address.ToString(),
        ["ModelServices__TextEncoder"] = Services.TextEncoder.Address.ToString(),
        ["ModelServices__VaeDecoder"] = Services.VaeDecoder.Address.ToString(),
        ["Queue__KeyPrefix"] = queue.KeyPrefix,
        ["Queue__PollInterval"] = queue.PollInterval.ToString(),
        ["Worker__WorkerId"] = workerId,
        ["Worker__DrainTimeout"] = worker.DrainTimeout.ToString(),
        ["Worker__HandBackTimeout"] = worker.HandBackTimeout.ToString(),
        ["Pipeline__MaxSteps"] = "100000",
        ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
        ["EMUEDIT_TORCH_THREADS"] = "1",
    };

    public async Task DisposeAsync()
    {
        await Services.DisposeAsync();
        _redis?.Dispose();
    }
}
