using System.Text.Json;
using System.Text.Json.Serialization;
using StackExchange.Redis;

namespace EmuEdit.Queue;

/// <summary>
/// The task registry: task name -> embedding and metadata, a version per task and one for the whole
/// registry (raised by every change), a change event so workers reload embeddings without polling, the
/// built-in names it refuses to store, and the claims registrations in flight hold on their names.
/// Inversion writes here; workers and the gateway read.
/// </summary>
/// <remarks>
/// Writes that depend on the claims or the built-in names are transactions WATCHing those keys. WATCH
/// aborts on any write to a watched key (a claim on another name, say), not only on one that breaks the
/// condition, so each such write is retried up to <see cref="JobQueueOptions.ConflictRetries"/> times
/// while it still applies.
/// </remarks>
public sealed class TaskRegistryStore
{
    private readonly IConnectionMultiplexer _connection;
    private readonly QueueKeys _keys;
    private readonly int _conflictRetries;

    public TaskRegistryStore(IConnectionMultiplexer connection, JobQueueOptions options)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(options);
        _connection = connection;
        _keys = new QueueKeys(options.KeyPrefix);
        _conflictRetries = options.ConflictRetries;
    }

    private IDatabase Db => _connection.GetDatabase();

    /// <summary>
    /// Marks names as built-in (idempotent): from then on no write stores a task under them. Every
    /// service that knows the model's task table calls this at start.
    /// </summary>
    public async Task ProtectBuiltInAsync(IEnumerable<string> names, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(names);
        cancellationToken.ThrowIfCancellationRequested();
        RedisValue[] members = [.. names.Select(n => (RedisValue)n)];
        if (members.Length > 0) await Db.SetAddAsync(_keys.TaskBuiltIn, members).ConfigureAwait(false);
    }

    public async Task<bool> IsBuiltInAsync(string name, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return await Db.SetContainsAsync(_keys.TaskBuiltIn, name).ConfigureAwait(false);
    }

    /// <summary>
    /// Adds or replaces a task directly (no registration claim involved); returns the registry's new version.
    /// Throws <see cref="BuiltInTaskException"/> for a built-in name.
    /// </summary>
    public async Task<long> PutAsync(string name, ReadOnlyMemory<byte> embedding, string metadataJson, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(metadataJson);
        RequireJson(metadataJson);
        for (int attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ITransaction tx = Db.CreateTransaction();
            tx.AddCondition(Condition.SetNotContains(_keys.TaskBuiltIn, name));
            (_, Task<long> version) = Write(tx, name, embedding, metadataJson);
            if (await tx.ExecuteAsync().ConfigureAwait(false))
            {
                return await AnnounceAsync(new TaskRegistryChange(name, TaskRegistryChangeKind.Put, await version.ConfigureAwait(false))).ConfigureAwait(false);
            }
            await ThrowIfBuiltInAsync(name).ConfigureAwait(false);
            ThrowIfOutOfRetries(attempt, name);
        }
    }

    /// <summary>
    /// Claims <paramref name="name"/> for a registration about to be queued. Returns null when the claim is
    /// now this registration's; otherwise the live claim that holds the name. A holding claim that
    /// <paramref name="isStale"/> judges dead (its registration finished or vanished without releasing it)
    /// is taken over. Throws <see cref="BuiltInTaskException"/> for a built-in name.
    /// </summary>
    public async Task<TaskClaim?> TryClaimAsync(string name, string registrationId, DateTimeOffset now,
        Func<TaskClaim, CancellationToken, Task<bool>> isStale, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(registrationId);
        ArgumentNullException.ThrowIfNull(isStale);
        var claim = new TaskClaim(name, registrationId, now);
        for (int attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await ThrowIfBuiltInAsync(name).ConfigureAwait(false);
            RedisValue held = await Db.HashGetAsync(_keys.TaskClaims, name).ConfigureAwait(false);
            if (!held.IsNull)
            {
                TaskClaim holder = TaskClaim.Parse(name, held.ToString());
                if (!await isStale(holder, cancellationToken).ConfigureAwait(false)) return holder;
            }
            ITransaction tx = Db.CreateTransaction();
            tx.AddCondition(Condition.SetNotContains(_keys.TaskBuiltIn, name));
            tx.AddCondition(held.IsNull ? Condition.HashNotExists(_keys.TaskClaims, name) : Condition.HashEqual(_keys.TaskClaims, name, held));
            _ = tx.HashSetAsync(_keys.TaskClaims, name, claim.ToField());
            if (await tx.ExecuteAsync().ConfigureAwait(false)) return null;
            ThrowIfOutOfRetries(attempt, name);
        }
    }

    /// <summary>The claim a registration in flight holds on <paramref name="name"/>, or null.</summary>
    public async Task<TaskClaim?> GetClaimAsync(string name, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        RedisValue held = await Db.HashGetAsync(_keys.TaskClaims, name).ConfigureAwait(false);
        return held.IsNull ? null : TaskClaim.Parse(name, held.ToString());
    }

    /// <summary>Gives up <paramref name="registrationId"/>'s claim on the name (a failed registration); false when it held none.</summary>
    public async Task<bool> ReleaseClaimAsync(string name, string registrationId, CancellationToken cancellationToken = default)
    {
        for (int attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            RedisValue held = await Db.HashGetAsync(_keys.TaskClaims, name).ConfigureAwait(false);
            if (held.IsNull || TaskClaim.Parse(name, held.ToString()).RegistrationId != registrationId) return false;
            ITransaction tx = Db.CreateTransaction();
            tx.AddCondition(Condition.HashEqual(_keys.TaskClaims, name, held));
            _ = tx.HashDeleteAsync(_keys.TaskClaims, name);
            if (await tx.ExecuteAsync().ConfigureAwait(false)) return true;
            ThrowIfOutOfRetries(attempt, name);
        }
    }

    /// <summary>
    /// Stores what registration <paramref name="registrationId"/> learned and releases its claim in one
    /// transaction, so an edit naming the task never finds it neither registered nor being registered.
    /// Throws <see cref="BuiltInTaskException"/> for a built-in name and <see cref="TaskClaimLostException"/>
    /// when the registration no longer holds the name.
    /// </summary>
    public async Task<TaskRegistryWrite> RegisterAsync(string name, string registrationId, ReadOnlyMemory<byte> embedding, string metadataJson,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(metadataJson);
        RequireJson(metadataJson);
        for (int attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            RedisValue held = await Db.HashGetAsync(_keys.TaskClaims, name).ConfigureAwait(false);
            if (held.IsNull || TaskClaim.Parse(name, held.ToString()).RegistrationId != registrationId)
                throw new TaskClaimLostException(name, registrationId);
            ITransaction tx = Db.CreateTransaction();
            tx.AddCondition(Condition.SetNotContains(_keys.TaskBuiltIn, name));
            tx.AddCondition(Condition.HashEqual(_keys.TaskClaims, name, held));
            (Task<long> taskVersion, Task<long> version) = Write(tx, name, embedding, metadataJson);
            _ = tx.HashDeleteAsync(_keys.TaskClaims, name);
            if (await tx.ExecuteAsync().ConfigureAwait(false))
            {
                long registryVersion = await AnnounceAsync(new TaskRegistryChange(name, TaskRegistryChangeKind.Put, await version.ConfigureAwait(false))).ConfigureAwait(false);
                return new TaskRegistryWrite(await taskVersion.ConfigureAwait(false), registryVersion);
            }
            await ThrowIfBuiltInAsync(name).ConfigureAwait(false);
            ThrowIfOutOfRetries(attempt, name);
        }
    }

    /// <summary>Removes a task; returns the new version, or null when there was no such task.</summary>
    public async Task<long?> RemoveAsync(string name, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ITransaction tx = Db.CreateTransaction();
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
        IDatabase db = Db;
        Task<RedisValue> embedding = db.HashGetAsync(_keys.TaskEmbeddings, name);
        Task<RedisValue> metadata = db.HashGetAsync(_keys.TaskMetadata, name);
        Task<RedisValue> taskVersion = db.HashGetAsync(_keys.TaskVersions, name);
        await Task.WhenAll(embedding, metadata, taskVersion).ConfigureAwait(false);
        return embedding.Result.IsNull ? null : new TaskRegistration(name, (byte[])embedding.Result!, metadata.Result.ToString())
        {
            Version = taskVersion.Result.IsNull ? 0 : (long)taskVersion.Result,
        };
    }

    /// <summary>Every task with the version they belong to, read in one MULTI so they agree.</summary>
    public async Task<(IReadOnlyList<TaskRegistration> Tasks, long Version)> ListAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ITransaction tx = Db.CreateTransaction();
        Task<HashEntry[]> embeddings = tx.HashGetAllAsync(_keys.TaskEmbeddings);
        Task<HashEntry[]> metadata = tx.HashGetAllAsync(_keys.TaskMetadata);
        Task<HashEntry[]> taskVersions = tx.HashGetAllAsync(_keys.TaskVersions);
        Task<RedisValue> version = tx.StringGetAsync(_keys.TaskVersion);
        await tx.ExecuteAsync().ConfigureAwait(false);
        var metadataByName = (await metadata.ConfigureAwait(false)).ToDictionary(e => e.Name.ToString(), e => e.Value.ToString());
        var versionByName = (await taskVersions.ConfigureAwait(false)).ToDictionary(e => e.Name.ToString(), e => (long)e.Value);
        List<TaskRegistration> tasks = [.. (await embeddings.ConfigureAwait(false))
            .Select(e => new TaskRegistration(e.Name.ToString(), (byte[])e.Value!, metadataByName.GetValueOrDefault(e.Name.ToString(), "{}"))
            {
                Version = versionByName.GetValueOrDefault(e.Name.ToString()),
            })
            .OrderBy(t => t.Name, StringComparer.Ordinal)];
        RedisValue v = await version.ConfigureAwait(false);
        return (tasks, v.IsNull ? 0 : (long)v);
    }

    public async Task<long> GetVersionAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        RedisValue v = await Db.StringGetAsync(_keys.TaskVersion).ConfigureAwait(false);
        return v.IsNull ? 0 : (long)v;
    }

    /// <summary>Subscribes to registry changes; live once this returns. Dispose it when done.</summary>
    public async Task<TaskRegistrySubscription> SubscribeAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ChannelMessageQueue messages = await _connection.GetSubscriber().SubscribeAsync(_keys.TaskChanges).ConfigureAwait(false);
        return new TaskRegistrySubscription(messages);
    }

    /// <summary>The writes every stored task gets: embedding, metadata, its own version and the registry's.</summary>
    private (Task<long> TaskVersion, Task<long> RegistryVersion) Write(ITransaction tx, string name, ReadOnlyMemory<byte> embedding, string metadataJson)
    {
        _ = tx.HashSetAsync(_keys.TaskEmbeddings, name, embedding);
        _ = tx.HashSetAsync(_keys.TaskMetadata, name, metadataJson);
        Task<long> taskVersion = tx.HashIncrementAsync(_keys.TaskVersions, name);
        Task<long> version = tx.StringIncrementAsync(_keys.TaskVersion);
        return (taskVersion, version);
    }

    /// <summary>Refused here rather than when a reader parses it.</summary>
    private static void RequireJson(string metadataJson)
    {
        using (JsonDocument.Parse(metadataJson))
        {
        }
    }

    private async Task ThrowIfBuiltInAsync(string name)
    {
        if (await Db.SetContainsAsync(_keys.TaskBuiltIn, name).ConfigureAwait(false)) throw new BuiltInTaskException(name);
    }

    private void ThrowIfOutOfRetries(int attempt, string name)
    {
        if (attempt >= _conflictRetries) throw new TaskRegistryContentionException(name, attempt);
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
