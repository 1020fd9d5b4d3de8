using Microsoft.Extensions.Configuration;
using StackExchange.Redis;

namespace EmuEdit.Queue;

/// <summary>
/// The queue of task registrations: the gateway enqueues one job per RegisterTask and the inversion
/// service takes them. It is a <see cref="JobQueue"/> of its own under the edit queue's prefix plus
/// <see cref="KeySegment"/>, so inversion workers never see edits, edit workers never see registrations,
/// and each scales on its own ready list. The task registry stays under the edit queue's prefix, where
/// the diffusion workers read it.
/// </summary>
public sealed class TaskInversionQueue
{
    /// <summary>Settings that differ from the edit queue's (section "Queue"), e.g. InversionQueue:MaxAttempts.</summary>
    public const string SectionName = "InversionQueue";

    /// <summary>Appended to the edit queue's prefix.</summary>
    public const string KeySegment = "inversion:";

    /// <summary>The prefix under the default edit prefix: <c>emuedit:inversion:</c>.</summary>
    public const string DefaultKeyPrefix = QueueKeys.DefaultPrefix + KeySegment;

    /// <summary>
    /// The registration ready list under the default prefix, <c>emuedit:inversion:queue:ready</c>: the key a
    /// KEDA <c>redis</c> scaler for the inversion service watches.
    /// </summary>
    public const string DefaultReadyList = DefaultKeyPrefix + QueueKeys.ReadyListName;

    public TaskInversionQueue(IConnectionMultiplexer connection, JobQueueOptions options)
    {
        ArgumentNullException.ThrowIfNull(connection);
        Options = options ?? throw new ArgumentNullException(nameof(options));
        Jobs = new JobQueue(connection, options);
    }

    /// <summary>The options of the registration queue (its own prefix).</summary>
    public JobQueueOptions Options { get; }

    /// <summary>Enqueue, read, follow registrations.</summary>
    public JobQueue Jobs { get; }

    /// <summary>
    /// The registration queue's options: section "Queue", then "InversionQueue" over it; the prefix is
    /// <see cref="RegistrationPrefix"/> of Queue:KeyPrefix unless InversionQueue:KeyPrefix names one.
    /// </summary>
    public static JobQueueOptions BindOptions(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new JobQueueOptions();
        configuration.GetSection(JobQueueOptions.SectionName).Bind(options);
        string queuePrefix = options.KeyPrefix;
        IConfigurationSection own = configuration.GetSection(SectionName);
        own.Bind(options);
        if (string.IsNullOrWhiteSpace(own[nameof(JobQueueOptions.KeyPrefix)])) options.KeyPrefix = RegistrationPrefix(queuePrefix);
        options.Validate();
        return options;
    }

    /// <summary>
    /// The registration queue's prefix for a service's Queue:KeyPrefix. Services share the edit queue's prefix
    /// (<c>emuedit:</c> → <c>emuedit:inversion:</c>); a deployment may instead give the inversion service the
    /// registration queue's own prefix (k8s/base/inversion.yaml sets <c>emuedit:inversion:</c>), which is kept.
    /// </summary>
    public static string RegistrationPrefix(string queuePrefix)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(queuePrefix);
        return queuePrefix.EndsWith(KeySegment, StringComparison.Ordinal) ? queuePrefix : queuePrefix + KeySegment;
    }

    /// <summary>The edit queue's prefix, where the task registry lives, for a service's Queue:KeyPrefix (either form).</summary>
    public static string EditPrefix(string queuePrefix)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(queuePrefix);
        return queuePrefix.EndsWith(KeySegment, StringComparison.Ordinal) ? queuePrefix[..^KeySegment.Length] : queuePrefix;
    }
}
