using EmuEdit.Pipeline.Engine;
using EmuEdit.Pipeline.Inversion;
using EmuEdit.Pipeline.Serving;
using EmuEdit.Queue;
using Microsoft.Extensions.Options;

namespace EmuEdit.Inversion;

public static class InversionHostExtensions
{
    /// <summary>Connection string name of the Redis-protocol server (ConnectionStrings:redis), as the AppHost provides it.</summary>
    public const string RedisConnectionName = "redis";

    /// <summary>
    /// Loads the U-Net now onto Worker:Device (an unusable model folder stops the start with a <see cref="ModelFolderException"/>,
    /// an unusable device with a <see cref="WorkerConfigurationException"/>),
    /// connects the registration queue, the registry and the model services, and registers the registration
    /// loop and its reaper.
    /// </summary>
    public static WebApplicationBuilder AddInversion(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var services = builder.Services;
        var folder = ModelFolderOptions.From(configuration).Require(ModelFolderOptions.DenoiserFiles);

        var options = InversionServiceOptions.Bind(configuration);
        options.Validate();
        services.AddSingleton(options);
        // SIGTERM: the running registration may drain, then it is handed back; the host waits for both.
        services.Configure<HostOptions>(host => host.ShutdownTimeout = options.DrainTimeout + options.HandBackTimeout);
        services.AddValidatedOptions<TaskLearnerOptions>(configuration, TaskLearnerOptions.SectionName, o => o.Validate());

        builder.AddRedisClient(RedisConnectionName);
        services.AddJobQueue(configuration);
        services.AddTaskInversionQueue(configuration);
        // The registry lives under the edit queue's prefix, whichever form Queue:KeyPrefix takes here (docs/queue.md).
        services.AddSingleton(sp =>
        {
            var queue = sp.GetRequiredService<JobQueueOptions>();
            return new TaskRegistryStore(sp.GetRequiredService<StackExchange.Redis.IConnectionMultiplexer>(),
                new JobQueueOptions { KeyPrefix = TaskInversionQueue.EditPrefix(queue.KeyPrefix), ConflictRetries = queue.ConflictRetries });
        });

        EmuEdit.Model.TorchRuntime.Initialise();
        var device = WorkerDevice.Open(options.Device);
        // The same engine a worker runs, so held-out edits are what a worker will make with the new task.
        services.AddRemoteEditEngine(configuration, EditDenoiser.Load(folder, device), folder);
        services.AddSingleton(sp => new TaskLearner(sp.GetRequiredService<EditEngine>(), sp.GetRequiredService<TaskLearnerOptions>()));
        services.AddSingleton<HeldOutValidator>();
        services.AddSingleton<RegistrationRunner>();
        services.AddSingleton(TimeProvider.System);
        services.AddHostedService<RegistrationReaperService>();
        services.AddSingleton<RegistrationWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<RegistrationWorker>());
        return builder;
    }

    public static WebApplication MapInversion(this WebApplication app)
    {
        app.Logger.LogInformation("Learning tasks with {Model}", app.Services.GetRequiredService<LoadedModelNote>().Text);
        return app;
    }
}
