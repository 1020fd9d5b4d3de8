using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace EmuEdit.Deploy.Tests;

/// <summary>
/// What the kubelet's gRPC probes get from a service built with the shared defaults: readiness (service "")
/// follows every check, liveness (service "liveness") only the process's own, so a dependency outage makes
/// pods unready without restarting them.
/// </summary>
public sealed class HealthProbeTests : IAsyncLifetime
{
    private WebApplication? _app;
    private bool _dependencyHealthy = true;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddGrpcServiceDefaults();
        // Stands for a dependency check such as Aspire's Redis one: untagged, so readiness only.
        builder.Services.AddHealthChecks().AddCheck("dependency", () => _dependencyHealthy ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("down"));
        _app = builder.Build();
        _app.MapGrpcServiceDefaults();
        await _app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }

    private async Task<HealthCheckResponse.Types.ServingStatus> CheckAsync(string service)
    {
        using var channel = GrpcChannel.ForAddress(_app!.Urls.First());
        var response = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest { Service = service });
        return response.Status;
    }

    [Fact]
    public async Task Readiness_follows_every_check_and_liveness_only_the_live_ones()
    {
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, await CheckAsync(""));
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, await CheckAsync(Extensions.LivenessService));

        _dependencyHealthy = false;
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, await CheckAsync(""));
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, await CheckAsync(Extensions.LivenessService));
    }

    [Fact]
    public async Task An_unknown_service_name_is_not_found_so_a_misspelt_probe_fails_loudly()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => CheckAsync("livenes"));
        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }
}
