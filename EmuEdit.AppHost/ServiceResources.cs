using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EmuEdit.AppHost;

/// <summary>What every EmuEdit service gets: the queue server (connection string and wait), the model folder, shared settings.</summary>
public static class ServiceResources
{
    /// <summary>Sections every service reads the same way, passed on from the AppHost's configuration (e.g. --Queue:HeartbeatTtl=00:00:05).</summary>
    private static readonly string[] SharedSections = ["Queue", "InversionQueue"];

    public static IResourceBuilder<ProjectResource> WithQueueServer(this IResourceBuilder<ProjectResource> service, QueueServer queueServer)
    {
        service.WithReference(queueServer.Connection);
        if (queueServer.Server is not null) service.WaitFor(queueServer.Server);
        return service;
    }

    /// <summary>
    /// A gRPC service: its http endpoint speaks HTTP/2 (service discovery gives clients that scheme),
    /// and its health is its grpc.health.v1 answer, so anything that waits for it waits until it serves.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AsGrpcService(this IResourceBuilder<ProjectResource> service)
    {
        service.AsHttp2Service();
        EndpointReference endpoint = service.GetEndpoint("http");
        string name = $"{service.Resource.Name}-grpc-health";
        // One check instance per resource: it keeps its channel between probes.
        var check = new GrpcHealthCheck(endpoint);
        service.ApplicationBuilder.Services.AddHealthChecks().Add(new HealthCheckRegistration(name, _ => check, failureStatus: null, tags: null));
        return service.WithHealthCheck(name);
    }

    public static IResourceBuilder<ProjectResource> WithModel(this IResourceBuilder<ProjectResource> service, AppHostSettings settings) =>
        service.WithEnvironment("Model__Directory", settings.ModelDirectory);

    /// <summary>The LibTorch thread count of a model service, when the settings give one.</summary>
    public static IResourceBuilder<ProjectResource> WithModelServiceThreads(this IResourceBuilder<ProjectResource> service, AppHostSettings settings) =>
        settings.ModelServiceTorchThreads is int threads
            ? service.WithEnvironment("EMUEDIT_TORCH_THREADS", threads.ToString(System.Globalization.CultureInfo.InvariantCulture))
            : service;

    /// <summary>Passes configuration sections on as environment variables (Section__Key), so one setting reaches every service.</summary>
    public static IResourceBuilder<ProjectResource> WithSections(this IResourceBuilder<ProjectResource> service, IConfiguration configuration, params string[] sections)
    {
        foreach (string section in SharedSections.Concat(sections))
        {
            foreach ((string key, string? value) in configuration.GetSection(section).AsEnumerable())
            {
                if (value is not null) service.WithEnvironment(key.Replace(":", "__", StringComparison.Ordinal), value);
            }
        }
        return service;
    }
}
