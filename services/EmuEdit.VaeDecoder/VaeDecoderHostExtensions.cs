using EmuEdit.Inference;
using EmuEdit.Model.Checkpoints;
using EmuEdit.Onnx.Runtime;
using EmuEdit.Pipeline.Abstractions;
using EmuEdit.Pipeline.InProcess;
using EmuEdit.Pipeline.Onnx;
using EmuEdit.Pipeline.Serving;

namespace EmuEdit.VaeDecoder;

public static class VaeDecoderHostExtensions
{
    /// <summary>
    /// Loads the autoencoder now, on ONNX Runtime or TorchSharp as Inference:Runtime chooses (Auto: ONNX when
    /// vae_encoder.onnx and vae_decoder.onnx exist). An unusable model folder stops the start with a <see cref="ModelFolderException"/>.
    /// </summary>
    public static WebApplicationBuilder AddVaeDecoder(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var folderOptions = ModelFolderOptions.From(configuration);
        var inference = configuration.GetSection(InferenceOptions.SectionName).Get<InferenceOptions>() ?? new InferenceOptions();
        var folder = folderOptions.Require(ModelCheckpoint.ConfigFile);
        builder.Services.AddServingOptions(configuration);
        builder.Services.AddSingleton(ModelVersion.Of(folder, ModelCheckpoint.LoadConfig(folder).Name));
        var catalog = new OnnxModelCatalog(inference.SessionOptions());
        if (inference.UsesOnnx(folder, catalog, out string? declined,
                (OnnxModelFiles.VaeEncoder, ModelCheckpoint.AutoencoderWeights), (OnnxModelFiles.VaeDecoder, ModelCheckpoint.AutoencoderWeights)))
        {
            // Graphs that record their source passed the provenance check against the weights beside them, so those
            // weights' digest is the graphs'; older graphs without that record are taken to come from them too.
            var codec = new OnnxLatentCodec(OnnxVae.Open(catalog, folder), LatentSpaceDigest.TryOf(folder));
            builder.Services.AddSingleton(_ => catalog);
            builder.Services.AddSingleton<ILatentCodec>(codec);
            builder.Services.AddSingleton(new LoadedModelNote(
                $"ONNX Runtime ({inference.ExecutionProvider}) autoencoder (C_z {codec.Geometry.LatentChannels}, f {codec.Geometry.DownsamplingFactor}) from {folder}"));
        }
        else
        {
            catalog.Dispose();
            folderOptions.Require(ModelCheckpoint.ConfigFile, ModelCheckpoint.AutoencoderWeights);
            EmuEdit.Model.TorchRuntime.Initialise();
            var codec = InProcessLatentCodec.Load(folder);
            builder.Services.AddSingleton<ILatentCodec>(_ => codec);
            builder.Services.AddSingleton(new LoadedModelNote(
                $"TorchSharp autoencoder (C_z {codec.Geometry.LatentChannels}, f {codec.Geometry.DownsamplingFactor}) from {folder}" + LoadedModelNote.Declined(declined)));
        }
        return builder;
    }

    public static WebApplication MapVaeDecoder(this WebApplication app)
    {
        app.MapGrpcService<VaeEndpoint>();
        app.Logger.LogInformation("Serving {Model}", app.Services.GetRequiredService<LoadedModelNote>().Text);
        return app;
    }
}
