using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using EmuEdit.Contracts.V1;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace EmuEdit.AppHost.Tests;

/// <summary>
/// The real AppHost, started once per test collection (start ~5 s, stop ~13 s): embedded Garnet with a
/// fresh data folder, the tiny model, two workers, a short heartbeat so a killed worker's job moves on
/// within seconds, and the dashboard on free ports so tests can read its telemetry.
/// </summary>
public sealed class EmuEditApp : IAsyncLifetime
{
    /// <summary>The gRPC services, by resource name; each must answer grpc.health.v1.</summary>
    public static readonly string[] GrpcServices = [Gateway, "task-predictor", "text-encoder", "vae-decoder", Worker, Inversion];

    public const string Gateway = "gateway";
    public const string Inversion = "inversion";
    public const string RedisServer = "redis-server";
    public const string Worker = "diffusion-worker";
    public const int WorkerReplicas = 2;

    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    private readonly string _garnetData = Path.Combine(Path.GetTempPath(), "emuedit-e2e-garnet-" + Guid.NewGuid().ToString("N"));
    private readonly List<GrpcChannel> _channels = [];
    private DistributedApplication? _app;
    private IConnectionMultiplexer? _redis;
    private readonly ConcurrentDictionary<string, ResourceEvent> _instances = new();
    private readonly CancellationTokenSource _stopWatching = new();
    private Task? _watching;

    public TinyModelFolder Model { get; private set; } = null!;

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The app has not started.");

    /// <summary>The API keys the app is started with (Aspire parameters, as an operator would pass them).</summary>
    public const string ClientKey = "e2e-client-key-0123456789abcdef";
    public const string AdminKey = "e2e-admin-key-0123456789abcdef";

    /// <summary>The editing API with the client key.</summary>
    public EditingService.EditingServiceClient Client { get; private set; } = null!;

    /// <summary>The task registration API with the admin key.</summary>
    public TaskService.TaskServiceClient Tasks { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Model = TinyModelFolder.Create();
        string[] args =
        [
            $"--Model:Directory={Model.Path}",
            "--QueueServer:Mode=Garnet",
            $"--QueueServer:DataDirectory={_garnetData}",
            $"--EmuEdit:WorkerReplicas={WorkerReplicas}",
            "--Queue:HeartbeatInterval=00:00:01",
            "--Queue:HeartbeatTtl=00:00:04",
            "--Queue:ReaperInterval=00:00:01",
            "--Queue:RetryBaseDelay=00:00:01",
            $"--Parameters:gateway-client-key={ClientKey}",
            $"--Parameters:gateway-admin-key={AdminKey}",
            "--Inversion:ProgressInterval=00:00:00.100",
            $"--ASPNETCORE_URLS=http://127.0.0.1:{FreePort()}",
            $"--ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL=http://127.0.0.1:{FreePort()}",
            $"--ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL=http://127.0.0.1:{FreePort()}",
            "--ASPIRE_ALLOW_UNSECURED_TRANSPORT=true",
            "--ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS=true",
        ];
        using var start = new CancellationTokenSource(StartTimeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.EmuEdit_AppHost>(
            args, (options, _) => { options.DisableDashboard = false; options.AllowUnsecuredTransport = true; }, start.Token);
        _app = await builder.BuildAsync(start.Token);
        _watching = WatchInstancesAsync(_app, _stopWatching.Token);
        await _app.StartAsync(start.Token);
        foreach (string service in GrpcServices)
        {
            await _app.ResourceNotifications.WaitForResourceHealthyAsync(service, start.Token);
        }
        Client = new EditingService.EditingServiceClient(GatewayCalls(ClientKey));
        Tasks = new TaskService.TaskServiceClient(GatewayCalls(AdminKey));
    }

    /// <summary>Calls to the gateway carrying <paramref name="key"/> as a bearer token (none when null).</summary>
    public CallInvoker GatewayCalls(string? key)
    {
        GrpcChannel channel = Channel(Gateway);
        return key is null ? channel.CreateCallInvoker() : channel.Intercept(headers =>
        {
            headers.Add("authorization", $"Bearer {key}");
            return headers;
        });
    }

    /// <summary>A channel to a service's gRPC endpoint, with room for the oversized-message test.</summary>
    public GrpcChannel Channel(string resource)
    {
        var channel = GrpcChannel.ForAddress(App.GetEndpoint(resource, "http"), new GrpcChannelOptions { MaxSendMessageSize = null, MaxReceiveMessageSize = null });
        _channels.Add(channel);
        return channel;
    }

    /// <summary>Every resource is running and healthy, and every gRPC service says SERVING.</summary>
    public async Task AssertAllHealthyAsync()
    {
        foreach (IResource resource in App.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<ProjectResource>())
        {
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            ResourceEvent state = await App.ResourceNotifications.WaitForResourceHealthyAsync(resource.Name, wait.Token);
            Assert.Equal(KnownResourceStates.Running, state.Snapshot.State?.Text);
        }
        foreach (string service in GrpcServices)
        {
            var health = new Health.HealthClient(Channel(service));
            HealthCheckResponse response = await health.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(10));
            Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
        }
    }

    /// <summary>The latest state of every instance (replica) of a resource, by instance name.</summary>
    public IReadOnlyList<ResourceEvent> Instances(string resource) =>
        [.. _instances.Values.Where(e => e.Resource.Name == resource).OrderBy(e => e.ResourceId, StringComparer.Ordinal)];

    public async Task<ResourceEvent> WaitForInstanceAsync(string resourceId, Func<CustomResourceSnapshot, bool> condition, TimeSpan timeout)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_instances.TryGetValue(resourceId, out ResourceEvent? latest) && condition(latest.Snapshot)) return latest;
            if (DateTime.UtcNow > deadline) Assert.Fail($"{resourceId} did not reach the expected state within {timeout}; last: {latest?.Snapshot.State?.Text}.");
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }

    /// <summary>The process id of a running instance (a project runs under `dotnet run`, so this is the root of its process tree).</summary>
    public int ProcessId(string resourceId)
    {
        ResourceEvent instance = _instances[resourceId];
        object? pid = instance.Snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value;
        return Convert.ToInt32(pid, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The dashboard's base address (its telemetry API lives under /api/telemetry).</summary>
    public async Task<Uri> DashboardAsync()
    {
        Uri url = await App.GetDashboardUrlAsync() ?? throw new InvalidOperationException("The dashboard is off.");
        return new Uri(url.GetLeftPart(UriPartial.Authority));
    }

    private async Task WatchInstancesAsync(DistributedApplication app, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (ResourceEvent update in app.ResourceNotifications.WatchAsync(cancellationToken))
            {
                _instances[update.ResourceId] = update;
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>A connection to the app's Redis-protocol server, for looking at what the gateway stored.</summary>
    public async Task<IConnectionMultiplexer> RedisAsync()
    {
        if (_redis is not null) return _redis;
        string connection = await App.GetConnectionStringAsync("redis") ?? throw new InvalidOperationException("The app has no redis connection string.");
        return _redis = await ConnectionMultiplexer.ConnectAsync(connection);
    }

    public async Task DisposeAsync()
    {
        if (_redis is not null) await _redis.DisposeAsync();
        await _stopWatching.CancelAsync();
        if (_watching is not null) await _watching;
        foreach (GrpcChannel channel in _channels) channel.Dispose();
        if (_app is not null) await _app.DisposeAsync();
        Model?.Dispose();
        try
        {
            Directory.Delete(_garnetData, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class EmuEditAppCollection : ICollectionFixture<EmuEditApp>
{
    public const string Name = "EmuEdit app";
}
