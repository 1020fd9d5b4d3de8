using System.Buffers.Binary;
using EmuEdit.Queue;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EmuEdit.Pipeline.Tasks;

/// <summary>
/// Task name to task vector: the checkpoint's built-in table, plus the tasks learned by inversion that the
/// queue's registry holds (refreshed on its change events). Built-in names win over registered ones, so a
/// registration can never silently change what a built-in task does.
/// </summary>
public sealed class TaskVectorResolver
{
    private readonly Dictionary<string, float[]> _builtIn;
    private readonly ILogger _logger;
    private volatile IReadOnlyDictionary<string, float[]> _registered = new Dictionary<string, float[]>(StringComparer.OrdinalIgnoreCase);
    private volatile TaskRegistryStore? _registry;
    private readonly object _swap = new();
    private long _registryVersion;
    private long _refreshesStarted;
    private long _appliedRefresh;

    public TaskVectorResolver(IReadOnlyList<string> builtInNames, IReadOnlyList<float[]> builtInVectors, ILogger<TaskVectorResolver>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(builtInNames);
        ArgumentNullException.ThrowIfNull(builtInVectors);
        if (builtInNames.Count != builtInVectors.Count || builtInNames.Count == 0)
            throw new ArgumentException($"{builtInNames.Count} task names for {builtInVectors.Count} vectors.", nameof(builtInVectors));
        EmbeddingDim = builtInVectors[0].Length;
        if (builtInVectors.Any(v => v.Length != EmbeddingDim)) throw new ArgumentException("Task vectors differ in length.", nameof(builtInVectors));
        _builtIn = new Dictionary<string, float[]>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < builtInNames.Count; i++) _builtIn[builtInNames[i]] = builtInVectors[i];
        BuiltInNames = builtInNames;
        _logger = logger ?? NullLogger<TaskVectorResolver>.Instance;
    }

    /// <summary>The built-in table of a loaded denoiser.</summary>
    public static TaskVectorResolver FromDenoiser(Engine.EditDenoiser denoiser, ILogger<TaskVectorResolver>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(denoiser);
        return new TaskVectorResolver(denoiser.TaskNames, denoiser.BuiltInTaskVectors, logger);
    }

    /// <summary>Length of every task vector.</summary>
    public int EmbeddingDim { get; }

    public IReadOnlyList<string> BuiltInNames { get; }

    /// <summary>Registered (inverted) task names currently known.</summary>
    public IReadOnlyCollection<string> RegisteredNames => _registered.Keys.ToArray();

    /// <summary>The registry version of the last refresh (0 before any).</summary>
    public long RegistryVersion
    {
        get => Interlocked.Read(ref _registryVersion);
        private set => Interlocked.Exchange(ref _registryVersion, value);
    }

    /// <summary>The vector of a built-in or registered task (case-insensitive), or false.</summary>
    public bool TryResolve(string name, out float[] vector, out bool builtIn)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_builtIn.TryGetValue(name, out vector!)) { builtIn = true; return true; }
        builtIn = false;
        return _registered.TryGetValue(name, out vector!);
    }

    /// <summary>
    /// The vector of a task, like <see cref="TryResolve"/>; a name it does not know yet makes it read the
    /// registry it was refreshed from once more first. A task registered a moment ago is then usable even
    /// before its change event arrives (the gateway accepted the edit because the registry had it).
    /// Null when the task is unknown.
    /// </summary>
    public async Task<float[]?> ResolveAsync(string name, CancellationToken cancellationToken = default)
    {
        if (TryResolve(name, out var vector, out _)) return vector;
        if (_registry is not { } registry) return null;
        await RefreshAsync(registry, cancellationToken).ConfigureAwait(false);
        return TryResolve(name, out vector, out _) ? vector : null;
    }

    /// <summary>
    /// A copy that also resolves <paramref name="name"/> to <paramref name="vector"/>, ahead of the registry:
    /// how a task being learned is tried out before it is stored. The copy is never refreshed.
    /// </summary>
    public TaskVectorResolver WithCandidate(string name, float[] vector)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(vector);
        if (vector.Length != EmbeddingDim) throw new ArgumentException($"The candidate has {vector.Length} values, the model's task vectors {EmbeddingDim}.", nameof(vector));
        if (_builtIn.ContainsKey(name)) throw new ArgumentException($"'{name}' is a built-in task.", nameof(name));
        var registered = new Dictionary<string, float[]>(_registered, StringComparer.OrdinalIgnoreCase) { [name] = vector };
        return new TaskVectorResolver(_builtIn, BuiltInNames, registered, RegistryVersion, _logger);
    }

    private TaskVectorResolver(Dictionary<string, float[]> builtIn, IReadOnlyList<string> builtInNames, IReadOnlyDictionary<string, float[]> registered,
        long registryVersion, ILogger logger)
    {
        _builtIn = builtIn;
        BuiltInNames = builtInNames;
        EmbeddingDim = builtIn.Values.First().Length;
        _registered = registered;
        RegistryVersion = registryVersion;
        _logger = logger;
    }

    /// <summary>Replaces the registered tasks with the registry's current contents.</summary>
    public async Task RefreshAsync(TaskRegistryStore registry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _registry = registry;
        long ticket = Interlocked.Increment(ref _refreshesStarted);
        var (tasks, version) = await registry.ListAsync(cancellationToken).ConfigureAwait(false);
        var next = new Dictionary<string, float[]>(StringComparer.OrdinalIgnoreCase);
        foreach (var task in tasks)
        {
            if (_builtIn.ContainsKey(task.Name))
            {
                _logger.LogWarning("Registered task {Task} has a built-in task's name; the built-in vector is used", task.Name);
                continue;
            }
            var vector = Decode(task.Embedding.Span);
            if (vector.Length != EmbeddingDim)
            {
                _logger.LogWarning("Registered task {Task} has {Length} values, the model's task vectors {Dim}; ignored", task.Name, vector.Length, EmbeddingDim);
                continue;
            }
            next[task.Name] = vector;
        }
        lock (_swap)
        {
            // Refreshes overlap (an edit naming an unknown task, the watcher): a read that began earlier must not undo
            // one that began later. Ordered by start, not by version: a registry that lost its data counts from 1 again.
            if (ticket < _appliedRefresh) return;
            _appliedRefresh = ticket;
            _registered = next;
            RegistryVersion = version;
        }
        _logger.LogInformation("Task registry version {Version}: {Count} registered tasks", version, next.Count);
    }

    /// <summary>
    /// Refreshes now, again on every registry change event, and again whenever a look at the registry's version
    /// every <paramref name="versionCheckInterval"/> finds another than the one held (ahead, or reset by a server
    /// that lost its data), until cancelled; returns when the event stream
    /// ends (the caller subscribes again). It subscribes before the first read, so a change made in between is not
    /// missed. The version look catches what pub/sub loses: StackExchange.Redis resubscribes silently after a
    /// dropped connection, and an event published meanwhile never arrives, which for a task registered again
    /// under its old name would leave this process drawing with the old vector.
    /// </summary>
    public async Task WatchAsync(TaskRegistryStore registry, TimeSpan versionCheckInterval, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(versionCheckInterval, TimeSpan.Zero);
        await using var subscription = await registry.SubscribeAsync(cancellationToken).ConfigureAwait(false);
        await RefreshAsync(registry, cancellationToken).ConfigureAwait(false);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task events = FollowEventsAsync(registry, subscription, stop.Token);
        Task checks = CheckVersionAsync(registry, versionCheckInterval, stop.Token);
        try
        {
            // Whichever ends first (the stream closed, or a read failed) ends the watch; a failure propagates.
            await await Task.WhenAny(events, checks).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(events, checks).ContinueWith(static _ => { }, TaskScheduler.Default).ConfigureAwait(false);
        }
    }

    private async Task FollowEventsAsync(TaskRegistryStore registry, TaskRegistrySubscription subscription, CancellationToken cancellationToken)
    {
        await foreach (var change in subscription.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            if (change.Version == RegistryVersion) continue;
            await RefreshAsync(registry, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task CheckVersionAsync(TaskRegistryStore registry, TimeSpan interval, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await registry.GetVersionAsync(cancellationToken).ConfigureAwait(false) != RegistryVersion)
                await RefreshAsync(registry, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Registry embeddings are raw little-endian float32 (docs/queue.md).</summary>
    private static float[] Decode(ReadOnlySpan<byte> bytes)
    {
        var values = new float[bytes.Length / sizeof(float)];
        for (var i = 0; i < values.Length; i++) values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes[(i * sizeof(float))..]);
        return values;
    }
}
