using EmuEdit.Inference;
using EmuEdit.Model.Checkpoints;
using EmuEdit.Onnx.Runtime;
using EmuEdit.Pipeline.Abstractions;
using EmuEdit.Pipeline.InProcess;
using EmuEdit.Pipeline.Onnx;
using EmuEdit.Pipeline.Serving;

namespace EmuEdit.TextEncoder;

public static class TextEncoderHostExtensions
{
    /// <summary>
    /// Loads the encoder now, on ONNX Runtime or TorchSharp as Inference:Runtime chooses (Auto: ONNX when
    /// text_encoder.onnx exists). An unusable model folder stops the start with a <see cref="ModelFolderException"/>.
    /// </summary>
    public static WebApplicationBuilder AddTextEncoder(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var folderOptions = ModelFolderOptions.From(configuration);
        var inference = configuration.GetSection(InferenceOptions.SectionName).Get<InferenceOptions>() ?? new InferenceOptions();
        var folder = folderOptions.Require();
        builder.Services.AddServingOptions(configuration);
        var sessionOptions = inference.SessionOptions();
        var catalog = new OnnxModelCatalog(sessionOptions);
        if (inference.UsesOnnx(folder, catalog, out string? declined, (OnnxModelFiles.TextEncoder, ModelCheckpoint.TextEncoderWeights)))
        {
            var encoder = OnnxTextEncoder.OpenAny(catalog.Get(Path.Combine(folder, OnnxModelFiles.TextEncoder)), sessionOptions);
            builder.Services.AddSingleton(_ => catalog);
            builder.Services.AddSingleton<IInstructionEncoder>(new OnnxInstructionEncoder(encoder));
            builder.Services.AddSingleton(new LoadedModelNote($"ONNX Runtime ({inference.ExecutionProvider}) text encoder {OnnxModelFiles.TextEncoder} from {folder}"));
        }
        else
        {
            catalog.Dispose();
            folderOptions.Require(ModelCheckpoint.ConfigFile, ModelCheckpoint.VocabularyFile, ModelCheckpoint.TextEncoderWeights);
            EmuEdit.Model.TorchRuntime.Initialise();
            var encoder = InProcessInstructionEncoder.Load(folder);
            builder.Services.AddSingleton<IInstructionEncoder>(_ => encoder);
            builder.Services.AddSingleton(new LoadedModelNote($"TorchSharp text encoder (width {encoder.Width}) from {folder}" + LoadedModelNote.Declined(declined)));
        }
        return builder;
    }

    public static WebApplication MapTextEncoder(this WebApplication app)
    {
        app.MapGrpcService<TextEncoderEndpoint>();
        app.Logger.LogInformation("Serving {Model}", app.Services.GetRequiredService<LoadedModelNote>().Text);
        return app;
    }
}
