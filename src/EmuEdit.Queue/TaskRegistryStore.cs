using System.Text.Json;
using System.Text.Json.Serialization;
using StackExchange.Redis;

namespace EmuEdit.Queue;

/// <summary>
/// The task registry: task name -> embedding and metadata, a version counter that every change
/// raises, and a change event so workers reload embeddings without polling. Inversion writes here;
/// workers and the gateway (ListTasks) read.
/// </summary>
public sealed class TaskRegistryStore
{
    private readonly IConnectionMultiplexer _connection;
    private readonly QueueKeys _keys;

    public TaskRegistryStore(IConnectionMultiplexer connection, JobQueueOptions options)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(options);
        _connection = connection;
        _keys = new QueueKeys(options.KeyPrefix);
    }

    /// <summary>Adds or replaces a task; returns the registry's new version.</summary>
    public async Task<long> PutAsync(string name, ReadOnlyMemory<byte> embedding, string metadataJson, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(metadataJson);
        cancellationToken.ThrowIfCancellationRequested();
        // Refused here rather than when a reader parses it.
        using (JsonDocument.Parse(metadataJson))
        {
        }
        ITransaction tx = _connection.GetDatabase().CreateTransaction();
        _ = tx.HashSetAsync(_keys.TaskEmbeddings, name, embedding);
        _ = tx.HashSetAsync(_keys.TaskMetadata, name, metadataJson);
        Task<long> version = tx.StringIncrementAsync(_keys.TaskVersion);
        await tx.ExecuteAsync().ConfigureAwait(false);
        return await AnnounceAsync(new TaskRegistryChange(name, TaskRegistryChangeKind.Put, await version.ConfigureAwait(false))).ConfigureAwait(false);
    }

    /// <summary>Removes a task; returns the new version, or null when there was no such task.</summary>
    public async Task<long?> RemoveAsync(string name, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ITransaction tx = _connection.GetDatabase().CreateTransaction();
        tx.AddCondition(Condition.HashExists(_keys.TaskEmbeddings, name));
        _ = tx.HashDeleteAsync(_keys.TaskEmbeddings, name);
        _ = tx.HashDeleteAsync(_keys.TaskMetadata, name);
        Task<long> version = tx.StringIncrementAsync(_keys.TaskVersion);
        if (!await tx.ExecuteAsync().ConfigureAwait(false))
        {
            return null;
        }
        return await AnnounceAsync(new TaskRegistryChange(name, TaskRegistryChangeKind.Removed, await version.ConfigureAwait(false))).ConfigureAwait(false);
    }

    public async Task<TaskRegistration?> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        IDatabase db = _connection.GetDatabase();
        Task<RedisValue> embedding = db.HashGetAsync(_keys.TaskEmbeddings, name);
        Task<RedisValue> metadata = db.HashGetAsync(_keys.TaskMetadata, name);
        await Task.WhenAll(embedding, metadata).ConfigureAwait(false);
        return embedding.Result.IsNull ? null : new TaskRegistration(name, (byte[])embedding.Result!, metadata.Result.ToString());
    }

    /// <summary>Every task with the version they belong to, read in one MULTI so they agree.</summary>
    public async Task<(IReadOnlyList<TaskRegistration> Tasks, long Version)> ListAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ITransaction tx = _connection.GetDatabase().CreateTransaction();
        Task<HashEntry[]> embeddings = tx.HashGetAllAsync(_keys.TaskEmbeddings);
        Task<HashEntry[]> metadata = tx.HashGetAllAsync(_keys.TaskMetadata);
        Task<RedisValue> version = tx.StringGetAsync(_keys.TaskVersion);
        await tx.ExecuteAsync().ConfigureAwait(false);
        var metadataByName = (await metadata.ConfigureAwait(false)).ToDictionary(e => e.Name.ToString(), e => e.Value.ToString());
        List<TaskRegistration> tasks = [.. (await embeddings.ConfigureAwait(false))
            .Select(e => new TaskRegistration(e.Name.ToString(), (byte[])e.Value!, metadataByName.GetValueOrDefault(e.Name.ToString(), "{}")))
            .OrderBy(t => t.Name, StringComparer.Ordinal)];
        RedisValue v = await version.ConfigureAwait(false);
        return (tasks, v.IsNull ? 0 : (long)v);
    }

    public async Task<long> GetVersionAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        RedisValue v = await _connection.GetDatabase().StringGetAsync(_keys.TaskVersion).ConfigureAwait(false);
        return v.IsNull ? 0 : (long)v;
    }

    /// <summary>Subscribes to registry changes; live once this returns. Dispose it when done.</summary>
    public async Task<TaskRegistrySubscription> SubscribeAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ChannelMessageQueue messages = await _connection.GetSubscriber().SubscribeAsync(_keys.TaskChanges).ConfigureAwait(false);
        return new TaskRegistrySubscription(messages);
    }

    private async Task<long> AnnounceAsync(TaskRegistryChange change)
    {
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(change, TaskRegistryJson.Default.TaskRegistryChange);
        await _connection.GetSubscriber().PublishAsync(_keys.TaskChanges, json).ConfigureAwait(false);
        return change.Version;
    }
}

[JsonSourceGenerationOptions(UseStringEnumConverter = true)]
[JsonSerializable(typeof(TaskRegistryChange))]
internal sealed partial class TaskRegistryJson : JsonSerializerContext;
