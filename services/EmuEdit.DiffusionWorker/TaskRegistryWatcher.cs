using EmuEdit.Pipeline.Tasks;
using EmuEdit.Queue;
using StackExchange.Redis;

namespace EmuEdit.DiffusionWorker;

/// <summary>
/// Keeps the worker's registered (inverted) tasks current: a full read, then one per change event, and one whenever
/// a look at the registry's version every Queue:PollInterval finds a change whose event was lost.
/// </summary>
public sealed class TaskRegistryWatcher(TaskVectorResolver resolver, TaskRegistryStore registry, JobQueueOptions queueOptions,
    ILogger<TaskRegistryWatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await resolver.WatchAsync(registry, queueOptions.PollInterval, stoppingToken);
            }
            catch (Exception error) when (QueueFailures.IsTransient(error))
            {
                // The server may be restarting: resubscribe after the queue's poll interval, then read everything again.
                logger.LogWarning(error, "Task registry watch failed; retrying");
                try { await Task.Delay(queueOptions.PollInterval, stoppingToken); }
                catch (OperationCanceledException) { return; }
            }
        }
    }
}
