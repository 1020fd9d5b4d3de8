using EmuEdit.Pipeline.Engine;
using EmuEdit.Pipeline.Serving;
using EmuEdit.Queue;
using Microsoft.Extensions.Options;

namespace EmuEdit.DiffusionWorker;

public static class DiffusionWorkerHostExtensions
{
    /// <summary>Connection string name of the Redis-protocol server (ConnectionStrings:redis), as the AppHost provides it.</summary>
    public const string RedisConnectionName = "redis";

    /// <summary>
    /// Loads the U-Net now onto Worker:Device (an unusable model folder stops the start with a
    /// <see cref="ModelFolderException"/>, an unusable device with a <see cref="WorkerConfigurationException"/>),
    /// connects the queue and the model services, and registers the worker loop, the reaper and the registry watcher.
    /// </summary>
    public static WebApplicationBuilder AddDiffusionWorker(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var services = builder.Services;
        var workerOptions = configuration.GetSection(WorkerOptions.SectionName).Get<WorkerOptions>() ?? new WorkerOptions();
        EmuEdit.Model.TorchRuntime.Initialise();
        var device = WorkerDevice.Open(workerOptions.Device);
        var folder = ModelFolderOptions.From(configuration).Require(ModelFolderOptions.DenoiserFiles);

        services.AddValidatedOptions<WorkerOptions>(configuration, WorkerOptions.SectionName, o => o.Validate());
        // The host must wait for the drain and the hand back (its default of 30 s would cut a long drain short).
        services.AddOptions<HostOptions>().Configure<IOptions<WorkerOptions>>((host, worker) => host.ShutdownTimeout = worker.Value.ShutdownTimeout);

        builder.AddRedisClient(RedisConnectionName);
        services.AddJobQueue(configuration);
        services.AddRemoteEditEngine(configuration, EditDenoiser.Load(folder, device), folder);
        services.AddSingleton<WorkerMetrics>();
        services.AddHostedService<TaskRegistryWatcher>();
        services.AddHostedService<QueueReaperService>();
        services.AddSingleton<DiffusionWorkerService>();
        services.AddHostedService(sp => sp.GetRequiredService<DiffusionWorkerService>());
        return builder;
    }

    public static WebApplication MapDiffusionWorker(this WebApplication app)
    {
        app.Logger.LogInformation("Sampling with {Model}", app.Services.GetRequiredService<LoadedModelNote>().Text);
        return app;
    }
}
