using EmuEdit.Gateway.Hosting;

// The public gRPC API. Settings: sections "Gateway" (limits, defaults), "Model" (Model__Directory),
// "Queue" (docs/queue.md) and ConnectionStrings:redis. See docs/api.md and docs/running.md.
WebApplicationBuilder builder = WebApplication.CreateBuilder(args);
builder.AddGrpcServiceDefaults();
try
{
    builder.AddGateway();
}
catch (GatewayConfigurationException error)
{
    Console.Error.WriteLine($"gateway cannot start: {error.Message}");
    return 1;
}

WebApplication app = builder.Build();
app.MapGrpcServiceDefaults();
app.MapGateway();
await app.RunAsync();
return 0;
