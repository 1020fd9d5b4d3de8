using EmuEdit.AppHost;

// The system's architecture diagram:
//   client ──gRPC──► gateway ──► Redis-protocol server ◄── diffusion-worker(s) ──► task-predictor, text-encoder, vae-decoder
//                                          ▲
//                                          └── inversion (task registrations; the task registry) ──► text-encoder, vae-decoder
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

// API keys: generated once and kept in the AppHost's user secrets unless given (--Parameters:gateway-client-key=...);
// the dashboard shows them under Parameters. docs/api.md, "Access".
GatewayKeys keys = builder.AddGatewayKeys();
builder.AddProject<Projects.EmuEdit_Gateway>("gateway")
    .AsGrpcService()
    .WithQueueServer(queueServer)
    .WithModel(settings)
    .WithGatewayKeys(keys)
    .WithSections(builder.Configuration, "Gateway", "Registration", "Access");

var taskPredictor = builder.AddProject<Projects.EmuEdit_TaskPredictor>("task-predictor")
    .AsGrpcService()
    .WithModel(settings)
    .WithSections(builder.Configuration, "Serving");

var textEncoder = builder.AddProject<Projects.EmuEdit_TextEncoder>("text-encoder")
    .AsGrpcService()
    .WithModel(settings)
    .WithModelServiceThreads(settings)
    .WithSections(builder.Configuration, "Inference", "Serving");

var vaeDecoder = builder.AddProject<Projects.EmuEdit_VaeDecoder>("vae-decoder")
    .AsGrpcService()
    .WithModel(settings)
    .WithModelServiceThreads(settings)
    .WithSections(builder.Configuration, "Inference", "Serving");

// Workers take jobs from the queue and call the three model services (service discovery gives them the
// addresses); they wait until those serve, since the first job would otherwise fail and be retried.
builder.AddProject<Projects.EmuEdit_DiffusionWorker>("diffusion-worker")
    .AsGrpcService()
    .WithQueueServer(queueServer)
    .WithModel(settings)
    .WithSections(builder.Configuration, "Worker", "Pipeline", "ModelServices")
    .WithReference(taskPredictor).WaitFor(taskPredictor)
    .WithReference(textEncoder).WaitFor(textEncoder)
    .WithReference(vaeDecoder).WaitFor(vaeDecoder)
    .WithReplicas(settings.WorkerReplicas);

// Registrations come from their own queue; inversion encodes examples with the same services the workers use.
builder.AddProject<Projects.EmuEdit_Inversion>("inversion")
    .AsGrpcService()
    .WithQueueServer(queueServer)
    .WithModel(settings)
    // Worker: inversion reads Worker:Device (and its drain settings) as the workers do.
    .WithSections(builder.Configuration, "Inversion", "Learner", "Pipeline", "Worker", "ModelServices")
    .WithReference(taskPredictor).WaitFor(taskPredictor)
    .WithReference(textEncoder).WaitFor(textEncoder)
    .WithReference(vaeDecoder).WaitFor(vaeDecoder)
    .WithReplicas(settings.InversionReplicas);

builder.Build().Run();
