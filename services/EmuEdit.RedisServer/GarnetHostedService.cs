using EmuEdit.GarnetHost;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EmuEdit.RedisServer;

/// <summary>Runs the embedded Garnet server for the host's lifetime.</summary>
internal sealed class GarnetHostedService(
    IOptions<EmbeddedGarnetOptions> options, ILoggerFactory loggerFactory, ILogger<GarnetHostedService> logger) : IHostedService, IDisposable
{
    private EmbeddedGarnetServer? _server;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _server = EmbeddedGarnetServer.Start(options.Value, loggerFactory);
        logger.LogInformation(
            "Garnet listening on {Endpoint} ({Persistence}); arguments: {Arguments}",
            _server.ConnectionString,
            options.Value.CheckpointDirectory is { } directory ? $"persistent in {directory}" : "in memory",
            string.Join(' ', _server.Arguments));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    // EmbeddedGarnetServer makes a second dispose (StopAsync, then the container's Dispose) harmless.
    public void Dispose() => _server?.Dispose();
}
