using EmuEdit.AppHost;

// The system as docs/running.md draws it:
//   client ──gRPC──► gateway ──► Redis-protocol server ◄── diffusion-worker(s) ──► task-predictor, text-encoder, vae-decoder
IDistributedApplicationBuilder builder = DistributedApplication.CreateBuilder(args);
AppHostSettings settings = AppHostSettings.Read(builder.Configuration, builder.AppHostDirectory);

QueueServer queueServer = builder.AddQueueServer();
Console.WriteLine($"Queue server: {queueServer.Kind}. Model folder: {settings.ModelDirectory}.");

builder.AddProject<Projects.EmuEdit_Gateway>("gateway")
    .WithQueueServer(queueServer)
    .WithModel(settings)
    .WithSections(builder.Configuration, "Gateway")
    .AsHttp2Service();

builder.Build().Run();
