using EmuEdit.Model.Checkpoints;
using EmuEdit.Pipeline.Abstractions;
using EmuEdit.Pipeline.InProcess;
using EmuEdit.Pipeline.Serving;

namespace EmuEdit.VaeDecoder;

public static class VaeDecoderHostExtensions
{
    /// <summary>Loads the autoencoder now: an unusable model folder stops the start with a <see cref="ModelFolderException"/>.</summary>
    public static WebApplicationBuilder AddVaeDecoder(this WebApplicationBuilder builder)
    {
        var folderOptions = builder.Configuration.GetSection(ModelFolderOptions.SectionName).Get<ModelFolderOptions>() ?? new ModelFolderOptions();
        var folder = folderOptions.Require(ModelCheckpoint.ConfigFile, ModelCheckpoint.AutoencoderWeights);
        builder.Services.AddServingOptions(builder.Configuration);
        EmuEdit.Model.TorchRuntime.Initialise();
        var codec = InProcessLatentCodec.Load(folder);
        builder.Services.AddSingleton<ILatentCodec>(codec);
        builder.Services.AddSingleton(ModelVersion.Of(folder, ModelCheckpoint.LoadConfig(folder).Name));
        builder.Services.AddSingleton(new LoadedModelNote(
            $"TorchSharp autoencoder (C_z {codec.Geometry.LatentChannels}, f {codec.Geometry.DownsamplingFactor}) from {folder}"));
        return builder;
    }

    public static WebApplication MapVaeDecoder(this WebApplication app)
    {
        app.MapGrpcService<VaeEndpoint>();
        app.Logger.LogInformation("Serving {Model}", app.Services.GetRequiredService<LoadedModelNote>().Text);
        return app;
    }
}
