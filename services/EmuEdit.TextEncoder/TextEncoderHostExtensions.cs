using EmuEdit.Model.Checkpoints;
using EmuEdit.Pipeline.Abstractions;
using EmuEdit.Pipeline.InProcess;
using EmuEdit.Pipeline.Serving;

namespace EmuEdit.TextEncoder;

public static class TextEncoderHostExtensions
{
    /// <summary>Loads the tokenizer and text encoder now: an unusable model folder stops the start with a <see cref="ModelFolderException"/>.</summary>
    public static WebApplicationBuilder AddTextEncoder(this WebApplicationBuilder builder)
    {
        var folderOptions = builder.Configuration.GetSection(ModelFolderOptions.SectionName).Get<ModelFolderOptions>() ?? new ModelFolderOptions();
        var folder = folderOptions.Require(ModelCheckpoint.ConfigFile, ModelCheckpoint.VocabularyFile, ModelCheckpoint.TextEncoderWeights);
        builder.Services.AddServingOptions(builder.Configuration);
        EmuEdit.Model.TorchRuntime.Initialise();
        var encoder = InProcessInstructionEncoder.Load(folder);
        builder.Services.AddSingleton<IInstructionEncoder>(encoder);
        builder.Services.AddSingleton(new LoadedModelNote($"TorchSharp text encoder (width {encoder.Width}) from {folder}"));
        return builder;
    }

    public static WebApplication MapTextEncoder(this WebApplication app)
    {
        app.MapGrpcService<TextEncoderEndpoint>();
        app.Logger.LogInformation("Serving {Model}", app.Services.GetRequiredService<LoadedModelNote>().Text);
        return app;
    }
}
