using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EmuEdit.AppHost;

/// <summary>
/// Chooses the Redis-protocol server: an external one when ConnectionStrings:redis is configured;
/// else a Redis container when a container runtime answers (or QueueServer:Mode says Container);
/// else embedded Garnet (services/EmuEdit.RedisServer) as a process with persistence on.
/// </summary>
public static class QueueServerResources
{
    /// <summary>The connection string name every service reads (ConnectionStrings__redis).</summary>
    public const string ConnectionName = "redis";

    public const string GarnetResourceName = "redis-server";
    private const string GarnetEndpointName = "tcp";

    public static QueueServer AddQueueServer(this IDistributedApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(QueueServerOptions.SectionName).Get<QueueServerOptions>() ?? new QueueServerOptions();

        if (!string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(ConnectionName)))
        {
            return new QueueServer(builder.AddConnectionString(ConnectionName), null, "external (ConnectionStrings:redis)");
        }

        string runtime = ContainerRuntimeProbe.RuntimeName(builder.Configuration);
        bool useContainer = options.Mode switch
        {
            QueueServerMode.Container => true,
            QueueServerMode.Garnet => false,
            _ => ContainerRuntimeProbe.Answers(runtime, options.ProbeTimeout),
        };
        if (useContainer)
        {
            var redis = builder.AddRedis(ConnectionName).WithDataVolume().WithPersistence();
            return new QueueServer(redis, redis, $"Redis container ({runtime})");
        }
        return builder.AddGarnet(options);
    }

    private static QueueServer AddGarnet(this IDistributedApplicationBuilder builder, QueueServerOptions options)
    {
        string dataDirectory = Path.GetFullPath(options.DataDirectory ?? Path.Combine(builder.AppHostDirectory, "..", ".runs", "garnet"));
        Directory.CreateDirectory(dataDirectory);

        var server = builder.AddProject<Projects.EmuEdit_RedisServer>(GarnetResourceName)
            .WithEndpoint(name: GarnetEndpointName, scheme: "tcp", env: "Garnet__Port")
            .WithEnvironment("Garnet__CheckpointDirectory", dataDirectory);
        EndpointReference endpoint = server.GetEndpoint(GarnetEndpointName);

        string healthCheck = $"{GarnetResourceName}-ping";
        builder.Services.AddHealthChecks().Add(new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckRegistration(
            healthCheck, _ => new RedisPingHealthCheck(endpoint), failureStatus: null, tags: null));
        server.WithHealthCheck(healthCheck);

        var connection = builder.AddConnectionString(ConnectionName, ReferenceExpression.Create($"{endpoint.Property(EndpointProperty.HostAndPort)}"));
        return new QueueServer(connection, server, $"embedded Garnet, persistent in {dataDirectory}");
    }
}
