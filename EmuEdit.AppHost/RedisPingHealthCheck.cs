using System.Net.Sockets;
using System.Text;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EmuEdit.AppHost;

/// <summary>
/// Healthy when the server answers PING with PONG. A TCP connect alone is not enough: the endpoint
/// proxy accepts connections before the server behind it listens.
/// </summary>
public sealed class RedisPingHealthCheck(EndpointReference endpoint) : IHealthCheck
{
    private static readonly byte[] Ping = Encoding.ASCII.GetBytes("PING\r\n");
    private const string Pong = "+PONG";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(endpoint.Host, endpoint.Port, cancellationToken).ConfigureAwait(false);
            NetworkStream stream = client.GetStream();
            await stream.WriteAsync(Ping, cancellationToken).ConfigureAwait(false);
            var buffer = new byte[Pong.Length];
            int read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            string answer = Encoding.ASCII.GetString(buffer, 0, read);
            return answer == Pong ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy($"PING answered '{answer}'.");
        }
        catch (Exception e) when (e is SocketException or IOException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy($"No PONG from {endpoint.Host}:{endpoint.Port}: {e.Message}");
        }
    }
}
