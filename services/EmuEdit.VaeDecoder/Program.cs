using EmuEdit.Pipeline.Serving;
using EmuEdit.VaeDecoder;

// Settings: Model:Directory (checkpoint folder), Serving:MaxBatch, Serving:MaxImageSide. Listens HTTP/2-only (gRPC).
var builder = WebApplication.CreateBuilder(args);
builder.AddGrpcServiceDefaults();
try
{
    builder.AddVaeDecoder();
}
catch (ModelFolderException error)
{
    Console.Error.WriteLine($"vae-decoder cannot start: {error.Message}");
    return 1;
}
var app = builder.Build();
app.MapGrpcServiceDefaults();
app.MapVaeDecoder();
await app.RunAsync();
return 0;
