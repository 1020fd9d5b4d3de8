using EmuEdit.Gateway.Hosting;

// The public gRPC API. Settings: sections "Gateway" (limits, defaults), "Model" (Model__Directory),
// "Queue" (docs/queue.md) and ConnectionStrings:redis. See docs/api.md and docs/running.md.
WebApplicationBuilder builder = WebApplication.CreateBuilder(args);
builder.AddGrpcServiceDefaults();
builder.AddGateway();

WebApplication app = builder.Build();
app.MapGrpcServiceDefaults();
app.MapGateway();
await app.RunAsync();
