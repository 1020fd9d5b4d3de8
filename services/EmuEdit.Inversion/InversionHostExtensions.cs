using EmuEdit.Contracts.V1;
using EmuEdit.Model.Checkpoints;
using EmuEdit.Pipeline.Engine;
using EmuEdit.Pipeline.Inversion;
using EmuEdit.Pipeline.Remote;
using EmuEdit.Pipeline.Serving;
using EmuEdit.Pipeline.Tasks;
using EmuEdit.Queue;
using Microsoft.Extensions.Options;

namespace EmuEdit.Inversion;

public static class InversionHostExtensions
{
    /// <summary>Connection string name of the Redis-protocol server (ConnectionStrings:redis), as the AppHost provides it.</summary>
    public const string RedisConnectionName = "redis";

    /// <summary>
    /// Loads the U-Net now (an unusable model folder stops the start with a <see cref="ModelFolderException"/>),
    /// connects the registration queue, the registry and the model services, and registers the registration
    /// loop and its reaper.
    /// </summary>
    public static WebApplicationBuilder AddInversion(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var services = builder.Services;
        var folderOptions = configuration.GetSection(ModelFolderOptions.SectionName).Get<ModelFolderOptions>() ?? new ModelFolderOptions();
        var folder = folderOptions.Require(ModelCheckpoint.ConfigFile, ModelCheckpoint.TasksFile, ModelCheckpoint.UNetWeights, ModelCheckpoint.TaskTableWeights);

        var options = InversionServiceOptions.Bind(configuration);
        options.Validate();
        services.AddSingleton(options);
        // SIGTERM: the running registration may drain, then it is handed back; the host waits for both.
        services.Configure<HostOptions>(host => host.ShutdownTimeout = options.DrainTimeout + options.HandBackTimeout);
        Bind<TaskLearnerOptions>(services, configuration, TaskLearnerOptions.SectionName, o => o.Validate());
        Bind<EditEngineOptions>(services, configuration, EditEngineOptions.SectionName, o => o.Validate());
        var addresses = configuration.GetSection(ModelServicesOptions.SectionName).Get<ModelServicesOptions>() ?? new ModelServicesOptions();
        services.AddSingleton(_ => new ModelServiceChannels(
            addresses.TaskPredictorAddress(configuration), addresses.TextEncoderAddress(configuration), addresses.VaeDecoderAddress(configuration)));

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
        var denoiser = EditDenoiser.Load(folder);
        services.AddSingleton(_ => denoiser);
        services.AddSingleton(sp =>
        {
            var channels = sp.GetRequiredService<ModelServiceChannels>();
            // The same engine a worker runs, so held-out edits are what a worker will make with the new task.
            return new EditEngine(denoiser,
                new GrpcTaskPredictorClient(new TaskPredictorService.TaskPredictorServiceClient(channels.TaskPredictor)),
                new GrpcInstructionEncoder(new TextEncoderService.TextEncoderServiceClient(channels.TextEncoder)),
                new GrpcLatentCodec(new VaeService.VaeServiceClient(channels.VaeDecoder)),
                TaskVectorResolver.FromDenoiser(denoiser, sp.GetService<ILogger<TaskVectorResolver>>()),
                sp.GetRequiredService<EditEngineOptions>(), sp.GetService<ILogger<EditEngine>>());
        });
        services.AddSingleton(sp => new TaskLearner(sp.GetRequiredService<EditEngine>(), sp.GetRequiredService<TaskLearnerOptions>()));
        services.AddSingleton<HeldOutValidator>();
        services.AddSingleton<RegistrationRunner>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(new LoadedModelNote($"U-Net {denoiser.Config.Name} ({denoiser.ImageSize}px, {denoiser.TaskNames.Count} built-in tasks) from {folder}"));
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

    private static void Bind<T>(IServiceCollection services, IConfiguration configuration, string section, Action<T> validate) where T : class
    {
        services.AddOptions<T>()
            .Bind(configuration.GetSection(section))
            .Validate(o => { validate(o); return true; })
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<T>>().Value);
    }
}
