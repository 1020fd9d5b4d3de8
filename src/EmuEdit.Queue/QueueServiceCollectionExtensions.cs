using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace EmuEdit.Queue;

public static class QueueServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="JobQueueOptions"/> from section "Queue" and registers <see cref="JobQueue"/>,
    /// <see cref="QueueReaper"/> and <see cref="TaskRegistryStore"/> over the registered
    /// <see cref="IConnectionMultiplexer"/> (Aspire's AddRedisClient provides one).
    /// </summary>
    public static IServiceCollection AddJobQueue(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<JobQueueOptions>()
            .Bind(configuration.GetSection(JobQueueOptions.SectionName))
            .Validate(options => { options.Validate(); return true; })
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<JobQueueOptions>>().Value);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new JobQueue(sp.GetRequiredService<IConnectionMultiplexer>(), sp.GetRequiredService<JobQueueOptions>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new QueueReaper(
            sp.GetRequiredService<IConnectionMultiplexer>(), sp.GetRequiredService<JobQueueOptions>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetService<ILogger<QueueReaper>>()));
        services.AddSingleton(sp => new TaskRegistryStore(sp.GetRequiredService<IConnectionMultiplexer>(), sp.GetRequiredService<JobQueueOptions>()));
        return services;
    }

    /// <summary>
    /// Registers <see cref="TaskInversionQueue"/>, the queue of task registrations, with options from
    /// <see cref="TaskInversionQueue.BindOptions"/> (checked now, so a bad setting stops the start).
    /// </summary>
    public static IServiceCollection AddTaskInversionQueue(this IServiceCollection services, IConfiguration configuration)
    {
        JobQueueOptions options = TaskInversionQueue.BindOptions(configuration);
        services.AddSingleton(sp => new TaskInversionQueue(sp.GetRequiredService<IConnectionMultiplexer>(), options));
        return services;
    }
}
