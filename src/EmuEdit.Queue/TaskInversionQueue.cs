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
    /// The registration queue's options: section "Queue", then "InversionQueue" over it; the prefix is the
    /// edit queue's plus <see cref="KeySegment"/> unless InversionQueue:KeyPrefix names one.
    /// </summary>
    public static JobQueueOptions BindOptions(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new JobQueueOptions();
        configuration.GetSection(JobQueueOptions.SectionName).Bind(options);
        string editPrefix = options.KeyPrefix;
        IConfigurationSection own = configuration.GetSection(SectionName);
        own.Bind(options);
        if (string.IsNullOrWhiteSpace(own[nameof(JobQueueOptions.KeyPrefix)])) options.KeyPrefix = editPrefix + KeySegment;
        options.Validate();
        return options;
    }
}
