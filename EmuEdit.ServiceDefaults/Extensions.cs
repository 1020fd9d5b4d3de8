using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// What every EmuEdit service shares: OpenTelemetry (traces, metrics, logs to the OTLP endpoint
/// Aspire or the cluster injects), health checks served over gRPC, reflection, and service discovery.
/// </summary>
public static class Extensions
{
    /// <summary>Activity sources and meters of the project's own code all start with this prefix.</summary>
    public const string TelemetryPrefix = "EmuEdit";

    /// <summary>
    /// The grpc.health.v1 service name that reports only the checks tagged <see cref="LiveTag"/>: what a
    /// liveness probe asks (k8s/base: <c>grpc: {port: 8080, service: liveness}</c>). The empty name, which
    /// readiness asks, reports every check, dependencies such as the Redis connection included.
    /// </summary>
    public const string LivenessService = "liveness";

    /// <summary>Tag of the checks whose failure means the process itself is broken and should be restarted.</summary>
    public const string LiveTag = "live";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.Services.AddServiceDiscovery();
        // No standard resilience handler on clients: its total-request timeout would cut long
        // server-streaming edits; gRPC calls carry their own deadlines instead.
        builder.Services.ConfigureHttpClientDefaults(http => http.AddServiceDiscovery());
        return builder;
    }

    /// <summary>
    /// gRPC server defaults: HTTP/2-only endpoints (cleartext gRPC needs prior knowledge; HTTP/1.1
    /// would be negotiated otherwise), gRPC health (grpc.health.v1) bound to the health checks, and
    /// server reflection so generic tools can call the service.
    /// </summary>
    public static WebApplicationBuilder AddGrpcServiceDefaults(this WebApplicationBuilder builder)
    {
        builder.AddServiceDefaults();
        builder.WebHost.ConfigureKestrel(k => k.ConfigureEndpointDefaults(l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc(o => o.EnableDetailedErrors = builder.Environment.IsDevelopment());
        builder.Services.AddGrpcHealthChecks(o => o.Services.Map(LivenessService, check => check.Tags.Contains(LiveTag)));
        builder.Services.AddGrpcReflection();
        return builder;
    }

    public static WebApplication MapGrpcServiceDefaults(this WebApplication app)
    {
        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();
        return app;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(TelemetryPrefix + ".*"))
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName)
                .AddSource(TelemetryPrefix + ".*")
                .AddAspNetCoreInstrumentation(o => o.Filter = ctx => !IsHealthProbe(ctx.Request.Path))
                .AddGrpcClientInstrumentation()
                .AddHttpClientInstrumentation());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }
        return builder;
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        return builder;
    }

    // Probes run every few seconds; tracing them would bury the edits in the dashboard.
    private static bool IsHealthProbe(string? path) =>
        path is not null && path.StartsWith("/grpc.health.v1.Health", StringComparison.Ordinal);
}
