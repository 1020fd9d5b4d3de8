using EmuEdit.Inversion;
using EmuEdit.Pipeline.Serving;

// Settings: Model:Directory, Worker:Device (or Inversion:Device), ConnectionStrings:redis, ModelServices:{TaskPredictor,TextEncoder,VaeDecoder}
// (or Aspire's services:NAME:http:0), Inversion:*, Learner:*, Pipeline:*, Queue:*, InversionQueue:*.
// See docs/api.md ("TaskService") and docs/pipeline.md.
var builder = WebApplication.CreateBuilder(args);
builder.AddGrpcServiceDefaults();
try
{
    builder.AddInversion();
}
catch (Exception error) when (error is ModelFolderException or WorkerConfigurationException)
{
    Console.Error.WriteLine($"inversion cannot start: {error.Message}");
    return 1;
}
var app = builder.Build();
app.MapGrpcServiceDefaults();
app.MapInversion();
// Resolved now: the host disposes its services when it stops.
var modelCheck = app.Services.GetRequiredService<ModelServicesCheck>();
try
{
    await app.RunAsync();
}
catch (OperationCanceledException) when (modelCheck.Mismatch is not null)
{
    // The check can refuse before the web server has bound its port; the host's start is then cancelled.
}
// A host that refused the model services (another model's vae-decoder) stopped itself: that is a failed start.
return modelCheck.Mismatch is null ? 0 : 1;
