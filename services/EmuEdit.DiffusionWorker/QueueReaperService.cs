using EmuEdit.Queue;

namespace EmuEdit.DiffusionWorker;

/// <summary>Every worker reaps too, so jobs of a dead worker come back even while the gateway is down.</summary>
public sealed class QueueReaperService(QueueReaper reaper) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => reaper.RunAsync(stoppingToken);
}
