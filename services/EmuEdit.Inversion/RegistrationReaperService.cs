using EmuEdit.Queue;
using StackExchange.Redis;

namespace EmuEdit.Inversion;

/// <summary>Returns the registrations of dead inversion replicas to the registration queue (and promotes due retries).</summary>
public sealed class RegistrationReaperService(IConnectionMultiplexer connection, TaskInversionQueue queue, TimeProvider time, ILogger<QueueReaper> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        new QueueReaper(connection, queue.Options, time, logger).RunAsync(stoppingToken);
}
