using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using EmuEdit.Contracts.V1;
using System.Security.Cryptography;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;

namespace EmuEdit.Pipeline.Bench;

/// <summary>
/// The real AppHost started in this process (as the end-to-end tests start it): embedded Garnet with a
/// throw-away data folder, the given model, and N diffusion workers; edits go through the gateway.
/// </summary>
public sealed class RunningSystem : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan EditTimeout = TimeSpan.FromMinutes(10);
    private static readonly string[] GrpcServices = ["gateway", "task-predictor", "text-encoder", "vae-decoder", "diffusion-worker"];

    private readonly DistributedApplication _app;
    private readonly GrpcChannel _channel;
    private readonly string _garnetData;

    private RunningSystem(DistributedApplication app, GrpcChannel channel, string garnetData, string clientKey)
    {
        _app = app;
        _channel = channel;
        _garnetData = garnetData;
        Client = new EditingService.EditingServiceClient(channel.Intercept(headers =>
        {
            headers.Add("authorization", $"Bearer {clientKey}");
            return headers;
        }));
    }

    public EditingService.EditingServiceClient Client { get; }

    public static async Task<RunningSystem> StartAsync(string modelFolder, int workerReplicas, int? modelServiceThreads = null)
    {
        string garnetData = Path.Combine(Path.GetTempPath(), "emuedit-bench-garnet-" + Guid.NewGuid().ToString("N"));
        // The gateway wants a client credential; a fresh key per run, given as the operator would give it.
        string clientKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        string[] args =
        [
            $"--Model:Directory={modelFolder}",
            "--QueueServer:Mode=Garnet",
            $"--QueueServer:DataDirectory={garnetData}",
            $"--EmuEdit:WorkerReplicas={workerReplicas}",
            $"--Parameters:gateway-client-key={clientKey}",
            $"--ASPNETCORE_URLS=http://127.0.0.1:{FreePort()}",
            $"--ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL=http://127.0.0.1:{FreePort()}",
            "--ASPIRE_ALLOW_UNSECURED_TRANSPORT=true",
            .. modelServiceThreads is int threads ? [$"--EmuEdit:ModelServiceTorchThreads={threads}"] : Array.Empty<string>(),
        ];
        using var start = new CancellationTokenSource(StartTimeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.EmuEdit_AppHost>(
            args, (options, _) => { options.DisableDashboard = true; options.AllowUnsecuredTransport = true; }, start.Token);
        DistributedApplication app = await builder.BuildAsync(start.Token);
        await app.StartAsync(start.Token);
        foreach (string service in GrpcServices)
        {
            await app.ResourceNotifications.WaitForResourceHealthyAsync(service, start.Token);
        }
        var channel = GrpcChannel.ForAddress(app.GetEndpoint("gateway", "http"));
        return new RunningSystem(app, channel, garnetData, clientKey);
    }

    /// <summary>Runs one edit through the streaming Edit call and returns when its result arrives.</summary>
    /// <remarks>With <paramref name="serverTimes"/> it then asks GetEdit for the job's timestamps (after the clock stopped).</remarks>
    public async Task<EditPhases> EditAsync(EditRequest request, bool serverTimes = false)
    {
        var phases = new EditPhases();
        DateTimeOffset sent = DateTimeOffset.UtcNow;
        using var call = Client.Edit(request, deadline: DateTime.UtcNow.Add(EditTimeout));
        await foreach (EditEvent e in call.ResponseStream.ReadAllAsync())
        {
            if (e.EventCase == EditEvent.EventOneofCase.Started) phases.Started();
            if (e.EventCase == EditEvent.EventOneofCase.Progress) phases.Stepped(e.Progress.Step, e.Progress.TotalSteps);
            if (e.EventCase == EditEvent.EventOneofCase.Result)
            {
                phases.Finished();
                DateTimeOffset received = DateTimeOffset.UtcNow;
                if (serverTimes)
                {
                    EditStatus status = await Client.GetEditAsync(new GetEditRequest { EditId = e.EditId });
                    phases.Server = ServerTimes.From(sent, received, status);
                }
                return phases;
            }
        }
        throw new InvalidOperationException("The edit stream ended without a result.");
    }

    /// <summary>Edits per second when <paramref name="clients"/> clients share the edits and each sends its next one when the last returns.</summary>
    public async Task<double> ThroughputAsync(IReadOnlyList<EditRequest> edits, int clients)
    {
        int next = -1;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < edits.Count)
            {
                await EditAsync(edits[i]);
            }
        }));
        return edits.Count / watch.Elapsed.TotalSeconds;
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Dispose();
        await _app.DisposeAsync();
        if (Directory.Exists(_garnetData)) Directory.Delete(_garnetData, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
