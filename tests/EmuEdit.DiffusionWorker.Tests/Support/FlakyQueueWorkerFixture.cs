using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace EmuEdit.DiffusionWorker.Tests.Support;

/// <summary>
/// A worker that reaches its queue through a <see cref="TcpFaultProxy"/> the test can cut, with its log kept.
/// The test's own connection goes to the server directly, so it sees the queue while the worker cannot.
/// </summary>
public sealed class FlakyQueueWorkerFixture : WorkerFixture
{
    /// <summary>How long the worker's queue commands wait for an answer; the cut outlasts it, so writes fail rather than wait.</summary>
    public static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(2);

    public FlakyQueueWorkerFixture()
    {
        // No heartbeat runs out during a cut: a job that ends up back in the queue was handed back, not reaped.
        QueueOptions.HeartbeatTtl = TimeSpan.FromMinutes(10);
    }

    public TcpFaultProxy Proxy { get; private set; } = null!;

    private TcpFaultProxy? StartedProxy => Proxy;

    public LogRecorder Logs { get; } = new();

    protected override void AdjustSettings(IDictionary<string, string?> settings)
    {
        Proxy = TcpFaultProxy.Start(settings["ConnectionStrings:redis"]!);
        var timeout = (int)CommandTimeout.TotalMilliseconds;
        settings["ConnectionStrings:redis"] = $"{Proxy.Address},abortConnect=false,connectTimeout={timeout},asyncTimeout={timeout},syncTimeout={timeout}";
        settings["Worker:OutcomeRetryDelay"] = TimeSpan.FromMilliseconds(200).ToString();
        settings["Worker:OutcomeRetryMaxDelay"] = TimeSpan.FromSeconds(1).ToString();
    }

    protected override void ConfigureWorker(WebApplicationBuilder builder) => builder.Logging.AddProvider(Logs);

    public override async Task DisposeAsync()
    {
        // Null when the start failed before the worker's settings were made; the start's error is the one to see.
        StartedProxy?.Restore();
        await base.DisposeAsync();
        StartedProxy?.Dispose();
    }
}
