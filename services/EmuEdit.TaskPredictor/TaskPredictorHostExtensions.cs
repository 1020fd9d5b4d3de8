using EmuEdit.Pipeline.Abstractions;
using EmuEdit.Pipeline.InProcess;
using EmuEdit.Pipeline.Serving;

namespace EmuEdit.TaskPredictor;

public static class TaskPredictorHostExtensions
{
    /// <summary>Loads the predictor now: a missing folder or file stops the start with a <see cref="ModelFolderException"/>.</summary>
    public static WebApplicationBuilder AddTaskPredictor(this WebApplicationBuilder builder)
    {
        var folderOptions = ModelFolderOptions.From(builder.Configuration);
        var folder = folderOptions.Require(InProcessTaskPredictor.FileName);
        var predictor = InProcessTaskPredictor.Load(folder);
        builder.Services.AddSingleton<ITaskPredictorClient>(predictor);
        builder.Services.AddServingOptions(builder.Configuration);
        builder.Services.AddSingleton(ModelVersion.Of(folder, InProcessTaskPredictor.FileName));
        builder.Services.AddSingleton(new LoadedModelNote($"task predictor with {predictor.Tasks.Count} tasks from {folder}"));
        return builder;
    }

    public static WebApplication MapTaskPredictor(this WebApplication app)
    {
        app.MapGrpcService<TaskPredictorEndpoint>();
        app.Logger.LogInformation("Serving {Model}", app.Services.GetRequiredService<LoadedModelNote>().Text);
        return app;
    }
}
