using System.Runtime.CompilerServices;
using System.Text.Json;
using StackExchange.Redis;

namespace EmuEdit.Queue;

/// <summary>A live subscription to task registry changes; from <see cref="TaskRegistryStore.SubscribeAsync"/>.</summary>
public sealed class TaskRegistrySubscription : IAsyncDisposable
{
    private readonly ChannelMessageQueue _messages;
    private int _disposed;

    internal TaskRegistrySubscription(ChannelMessageQueue messages) => _messages = messages;

    /// <summary>Changes as they arrive, until cancelled. A reader that reloads on each change stays current.</summary>
    public async IAsyncEnumerable<TaskRegistryChange> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (true)
        {
            ChannelMessage message = await _messages.ReadAsync(cancellationToken).ConfigureAwait(false);
            yield return JsonSerializer.Deserialize((byte[])message.Message!, TaskRegistryJson.Default.TaskRegistryChange)
                ?? throw new InvalidDataException("A task registry change message was empty.");
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
