using Aspire.Hosting.ApplicationModel;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EmuEdit.AppHost;

/// <summary>
/// Healthy when the service's grpc.health.v1 answers SERVING. The services listen HTTP/2 only, so
/// Aspire's HTTP/1.1 health probes cannot be used; this is the probe Kubernetes uses too.
/// </summary>
public sealed class GrpcHealthCheck(EndpointReference endpoint) : IHealthCheck, IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);
    private GrpcChannel? _channel;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            _channel ??= GrpcChannel.ForAddress(endpoint.Url);
            var client = new Health.HealthClient(_channel);
            HealthCheckResponse response = await client.CheckAsync(
                new HealthCheckRequest(), deadline: DateTime.UtcNow.Add(Deadline), cancellationToken: cancellationToken).ConfigureAwait(false);
            return response.Status == HealthCheckResponse.Types.ServingStatus.Serving
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"grpc.health.v1 says {response.Status}.");
        }
        catch (Exception e) when (e is RpcException or HttpRequestException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy($"grpc.health.v1 at {endpoint.Url} did not answer: {e.Message}");
        }
    }

    public void Dispose() => _channel?.Dispose();
}
