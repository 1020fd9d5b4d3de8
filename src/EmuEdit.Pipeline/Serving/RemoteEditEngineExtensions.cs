using EmuEdit.Contracts.V1;
using EmuEdit.Pipeline.Engine;
using EmuEdit.Pipeline.Remote;
using EmuEdit.Pipeline.Tasks;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EmuEdit.Pipeline.Serving;

public static class RemoteEditEngineExtensions
{
    /// <summary>
    /// The edit engine of a host that samples locally and asks the model services for the rest: the loaded
    /// <paramref name="denoiser"/>, gRPC clients of the task-predictor, text-encoder and vae-decoder services
    /// (addresses from ModelServices or service discovery), the task resolver seeded from the checkpoint, and
    /// EditEngine options validated at start. The diffusion worker and the inversion service both run it, so
    /// a task learned by inversion is validated with exactly the edits a worker will make.
    /// </summary>
    public static IServiceCollection AddRemoteEditEngine(this IServiceCollection services, IConfiguration configuration, EditDenoiser denoiser, string modelFolder)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(denoiser);
        services.AddValidatedOptions<EditEngineOptions>(configuration, EditEngineOptions.SectionName, o => o.Validate());
        var addresses = configuration.GetSection(ModelServicesOptions.SectionName).Get<ModelServicesOptions>() ?? new ModelServicesOptions();
        addresses.Validate();
        var deadlines = new CallDeadlineInterceptor(addresses.CallTimeout);
        services.AddSingleton(_ => new ModelServiceChannels(
            addresses.TaskPredictorAddress(configuration), addresses.TextEncoderAddress(configuration), addresses.VaeDecoderAddress(configuration)));
        services.AddSingleton(_ => denoiser);
        services.AddSingleton(sp => TaskVectorResolver.FromDenoiser(denoiser, sp.GetService<ILogger<TaskVectorResolver>>()));
        services.AddSingleton(sp =>
        {
            var channels = sp.GetRequiredService<ModelServiceChannels>();
            return new EditEngine(denoiser,
                new GrpcTaskPredictorClient(new TaskPredictorService.TaskPredictorServiceClient(channels.TaskPredictor.Intercept(deadlines))),
                new GrpcInstructionEncoder(new TextEncoderService.TextEncoderServiceClient(channels.TextEncoder.Intercept(deadlines))),
                new GrpcLatentCodec(new VaeService.VaeServiceClient(channels.VaeDecoder.Intercept(deadlines))),
                sp.GetRequiredService<TaskVectorResolver>(), sp.GetRequiredService<EditEngineOptions>(), sp.GetService<ILogger<EditEngine>>());
        });
        services.AddSingleton(new TrainedLatentSpace(TrainedLatentSpaceOf(modelFolder)));
        services.AddSingleton(sp => new ModelServicesCheck(sp.GetRequiredService<EditEngine>(), sp.GetRequiredService<TrainedLatentSpace>(),
            addresses.CheckRetryDelay, addresses.CheckRetryMaxDelay, sp.GetService<TimeProvider>() ?? TimeProvider.System, sp.GetService<ILogger<ModelServicesCheck>>()));
        services.AddSingleton(new LoadedModelNote($"U-Net {denoiser.Config.Name} ({denoiser.ImageSize}px, {denoiser.TaskNames.Count} built-in tasks) from {modelFolder}"));
        return services;
    }

    private static string? TrainedLatentSpaceOf(string modelFolder)
    {
        try
        {
            return EmuEdit.Model.Checkpoints.LatentSpaceDigest.TryOf(modelFolder);
        }
        catch (InvalidDataException e)
        {
            throw new ModelFolderException($"The autoencoder weights in {modelFolder} are unreadable ({e.Message}); they say which latent space the U-Net was trained in.");
        }
    }
}
