using EmuEdit.Pipeline.Serving;
using EmuEdit.TextEncoder;

// Settings: Model:Directory (checkpoint folder), Serving:MaxBatch. Listens HTTP/2-only (gRPC).
var builder = WebApplication.CreateBuilder(args);
builder.AddGrpcServiceDefaults();
try
{
    builder.AddTextEncoder();
}
catch (ModelFolderException error)
{
    Console.Error.WriteLine($"text-encoder cannot start: {error.Message}");
    return 1;
}
var app = builder.Build();
app.MapGrpcServiceDefaults();
app.MapTextEncoder();
await app.RunAsync();
return 0;
