using EmuEdit.Pipeline.Serving;
using EmuEdit.TaskPredictor;

// Settings: Model:Directory (the folder holding task_predictor.json). Listens HTTP/2-only (gRPC).
var builder = WebApplication.CreateBuilder(args);
builder.AddGrpcServiceDefaults();
try
{
    builder.AddTaskPredictor();
}
catch (ModelFolderException error)
{
    Console.Error.WriteLine($"task-predictor cannot start: {error.Message}");
    return 1;
}
var app = builder.Build();
app.MapGrpcServiceDefaults();
app.MapTaskPredictor();
await app.RunAsync();
return 0;
