using System.Runtime.CompilerServices;
using StackExchange.Redis;

namespace EmuEdit.Queue;

/// <summary>A live subscription to one job's events; from <see cref="JobQueue.SubscribeAsync"/>.</summary>
public sealed class JobEventSubscription : IAsyncDisposable
{
    private readonly ChannelMessageQueue _messages;
    private int _disposed;

    internal JobEventSubscription(ChannelMessageQueue messages) => _messages = messages;

    /// <summary>Events as they arrive, ending after a terminal one (succeeded, failed, cancelled).</summary>
    public async IAsyncEnumerable<JobEvent> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (true)
        {
            ChannelMessage message = await _messages.ReadAsync(cancellationToken).ConfigureAwait(false);
            JobEvent jobEvent = JobEvent.Deserialize((byte[])message.Message!);
            yield return jobEvent;
            if (jobEvent.Kind is JobEventKind.Succeeded or JobEventKind.Failed or JobEventKind.Cancelled)
            {
                yield break;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await _messages.UnsubscribeAsync().ConfigureAwait(false);
        }
    }
}
