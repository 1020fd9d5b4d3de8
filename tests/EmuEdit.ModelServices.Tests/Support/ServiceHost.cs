using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace EmuEdit.Pipeline.Tests.Support;

/// <summary>
/// A service composed exactly as its Program.cs composes it (service defaults, its Add/Map extensions),
/// listening on a loopback port the OS picks, so tests call it over real HTTP/2 gRPC.
/// </summary>
public sealed class ServiceHost : IAsyncDisposable
{
    private static readonly Uri NotListening = new("http://127.0.0.1:0/");

    private readonly WebApplication _app;

    private ServiceHost(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public IServiceProvider Services => _app.Services;

    /// <param name="mayStopWhileStarting">
    /// The host may stop itself before its start completes (a worker refusing its model services): the
    /// cancelled start is then not an error, and <see cref="Address"/> is an address nothing listens on.
    /// </param>
    public static async Task<ServiceHost> StartAsync(
        Action<WebApplicationBuilder> add, Action<WebApplication> map, IReadOnlyDictionary<string, string?> settings,
        bool mayStopWhileStarting = false)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = Environments.Development,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddGrpcServiceDefaults();
        add(builder);
        var app = builder.Build();
        app.MapGrpcServiceDefaults();
        map(app);
        try
        {
            await app.StartAsync();
        }
        catch (OperationCanceledException) when (mayStopWhileStarting && app.Lifetime.ApplicationStopping.IsCancellationRequested)
        {
            return new ServiceHost(app, NotListening);
        }
        return new ServiceHost(app, new Uri(app.Urls.First()));
    }

    /// <summary>Stops as SIGTERM would: hosted services get their StopAsync within the host's shutdown timeout.</summary>
    public Task StopAsync() => _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
