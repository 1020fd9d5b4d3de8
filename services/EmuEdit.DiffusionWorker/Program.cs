using EmuEdit.DiffusionWorker;
using EmuEdit.Pipeline.Serving;

// Settings: Model:Directory, Worker:Device, ConnectionStrings:redis, ModelServices:{TaskPredictor,TextEncoder,VaeDecoder}
// (or Aspire's services:NAME:http:0), Worker:*, Pipeline:*, Queue:*. See docs/pipeline.md.
var builder = WebApplication.CreateBuilder(args);
builder.AddGrpcServiceDefaults();
try
{
    builder.AddDiffusionWorker();
}
catch (Exception error) when (error is ModelFolderException or WorkerConfigurationException)
{
    Console.Error.WriteLine($"diffusion-worker cannot start: {error.Message}");
    return 1;
}
var app = builder.Build();
app.MapGrpcServiceDefaults();
app.MapDiffusionWorker();
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
