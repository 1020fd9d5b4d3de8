using EmuEdit.Contracts.V1;
using EmuEdit.Model.Checkpoints;
using EmuEdit.Pipeline.Engine;
using EmuEdit.Pipeline.Remote;
using EmuEdit.Pipeline.Serving;
using EmuEdit.Pipeline.Tasks;
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
        var folderOptions = configuration.GetSection(ModelFolderOptions.SectionName).Get<ModelFolderOptions>() ?? new ModelFolderOptions();
        var folder = folderOptions.Require(ModelCheckpoint.ConfigFile, ModelCheckpoint.TasksFile, ModelCheckpoint.UNetWeights, ModelCheckpoint.TaskTableWeights);

        Bind<WorkerOptions>(services, configuration, WorkerOptions.SectionName, o => o.Validate());
        // The host must wait for the drain and the hand back (its default of 30 s would cut a long drain short).
        services.AddOptions<HostOptions>().Configure<IOptions<WorkerOptions>>((host, worker) => host.ShutdownTimeout = worker.Value.ShutdownTimeout);
        Bind<EditEngineOptions>(services, configuration, EditEngineOptions.SectionName, o => o.Validate());
        var addresses = configuration.GetSection(ModelServicesOptions.SectionName).Get<ModelServicesOptions>() ?? new ModelServicesOptions();
        services.AddSingleton(_ => new ModelServiceChannels(
            addresses.TaskPredictorAddress(configuration), addresses.TextEncoderAddress(configuration), addresses.VaeDecoderAddress(configuration)));

        builder.AddRedisClient(RedisConnectionName);
        services.AddJobQueue(configuration);

        var denoiser = EditDenoiser.Load(folder, device);
        services.AddSingleton(_ => denoiser);
        services.AddSingleton(sp => TaskVectorResolver.FromDenoiser(denoiser, sp.GetService<ILogger<TaskVectorResolver>>()));
        services.AddSingleton(sp =>
        {
            var channels = sp.GetRequiredService<ModelServiceChannels>();
            return new EditEngine(denoiser,
                new GrpcTaskPredictorClient(new TaskPredictorService.TaskPredictorServiceClient(channels.TaskPredictor)),
                new GrpcInstructionEncoder(new TextEncoderService.TextEncoderServiceClient(channels.TextEncoder)),
                new GrpcLatentCodec(new VaeService.VaeServiceClient(channels.VaeDecoder)),
                sp.GetRequiredService<TaskVectorResolver>(), sp.GetRequiredService<EditEngineOptions>(), sp.GetService<ILogger<EditEngine>>());
        });
        services.AddSingleton<WorkerMetrics>();
        services.AddSingleton(new LoadedModelNote($"U-Net {denoiser.Config.Name} ({denoiser.ImageSize}px, {denoiser.TaskNames.Count} built-in tasks) from {folder}"));
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

    private static void Bind<T>(IServiceCollection services, IConfiguration configuration, string section, Action<T> validate) where T : class
    {
        services.AddOptions<T>()
            .Bind(configuration.GetSection(section))
            .Validate(o => { validate(o); return true; })
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<T>>().Value);
    }
}
