using EmuEdit.AppHost;

// The system as DESIGN.md draws it:
//   client ──gRPC──► gateway ──► Redis-protocol server ◄── diffusion-worker(s) ──► task-predictor, text-encoder, vae-decoder
// Names are the product card's (EmuEdit.Pipeline.Serving.ServiceNames): they are also the service-discovery names.
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
    .AsGrpcService()
    .WithQueueServer(queueServer)
    .WithModel(settings)
    .WithSections(builder.Configuration, "Gateway");

var taskPredictor = builder.AddProject<Projects.EmuEdit_TaskPredictor>("task-predictor")
    .AsGrpcService()
    .WithModel(settings);

var textEncoder = builder.AddProject<Projects.EmuEdit_TextEncoder>("text-encoder")
    .AsGrpcService()
    .WithModel(settings);

var vaeDecoder = builder.AddProject<Projects.EmuEdit_VaeDecoder>("vae-decoder")
    .AsGrpcService()
    .WithModel(settings);

// Workers take jobs from the queue and call the three model services (service discovery gives them the
// addresses); they wait until those serve, since the first job would otherwise fail and be retried.
builder.AddProject<Projects.EmuEdit_DiffusionWorker>("diffusion-worker")
    .AsGrpcService()
    .WithQueueServer(queueServer)
    .WithModel(settings)
    .WithSections(builder.Configuration, "Worker", "Pipeline")
    .WithReference(taskPredictor).WaitFor(taskPredictor)
    .WithReference(textEncoder).WaitFor(textEncoder)
    .WithReference(vaeDecoder).WaitFor(vaeDecoder)
    .WithReplicas(settings.WorkerReplicas);

builder.Build().Run();
