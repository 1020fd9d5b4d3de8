namespace EmuEdit.Deploy.Tests.Support;

/// <summary>Facts the images, the manifests and docs/deploy.md share; each is checked against all three.</summary>
public static class Deployment
{
    public const string Namespace = "emuedit";

    /// <summary>Where the model volume's default model is mounted, and the images' Model__Directory.</summary>
    public const string ModelDirectory = "/models/default";

    /// <summary>The services' gRPC port (cleartext HTTP/2): ContainerPort, containerPort, probes.</summary>
    public const int GrpcPort = 8080;

    /// <summary>The Secrets the manifests reference and docs/deploy.md tells the operator to create.</summary>
    public static readonly string[] Secrets = ["emuedit-redis", "emuedit-gateway-tls", "emuedit-gateway-keys"];

    /// <summary>The services built from services/ and deployed (inversion: services/EmuEdit.Inversion).</summary>
    public static readonly string[] DotnetServices = ["gateway", "task-predictor", "text-encoder", "vae-decoder", "diffusion-worker", "inversion"];

    /// <summary>Workloads that take jobs from a queue and drain on SIGTERM.</summary>
    public static readonly string[] QueueWorkers = ["diffusion-worker", "inversion"];
}
