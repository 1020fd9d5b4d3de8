using EmuEdit.AppHost;

// The system as docs/running.md draws it:
//   client ──gRPC──► gateway ──► Redis-protocol server ◄── diffusion-worker(s) ──► task-predictor, text-encoder, vae-decoder
IDistributedApplicationBuilder builder = DistributedApplication.CreateBuilder(args);
AppHostSettings settings = AppHostSettings.Read(builder.Configuration, builder.AppHostDirectory);

QueueServer queueServer = builder.AddQueueServer();
Console.WriteLine($"Queue server: {queueServer.Kind}. Model folder: {settings.ModelDirectory}.");
if (!Directory.Exists(settings.ModelDirectory))
{
    // The services refuse to start without it; say so once here, where the operator is looking.
    Console.WriteLine($"The model folder {settings.ModelDirectory} does not exist: the model services will stop at start. Train a model into it or pass --Model:Directory=<folder>.");
}

builder.AddProject<Projects.EmuEdit_Gateway>("gateway")
    .WithQueueServer(queueServer)
    .WithModel(settings)
    .WithSections(builder.Configuration, "Gateway")
    .AsGrpcService();

builder.Build().Run();
