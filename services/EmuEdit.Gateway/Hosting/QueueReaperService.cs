using EmuEdit.Queue;

namespace EmuEdit.Gateway.Hosting;

/// <summary>
/// Runs the queue's reaper in the gateway: jobs of workers that died go back to the ready list even
/// when every worker is gone (any number of reapers may run; the queue makes them safe together).
/// </summary>
public sealed class QueueReaperService(QueueReaper reaper) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => reaper.RunAsync(stoppingToken);
}
