using EmuEdit.GarnetHost;
using EmuEdit.DiffusionWorker.Tests.Support;
using EmuEdit.Pipeline.Tests.Support;
using EmuEdit.Queue;
using Microsoft.Extensions.Configuration;
using StackExchange.Redis;

namespace EmuEdit.Inversion.Tests.Support;

/// <summary>
/// A Garnet server, the three model services and one inversion host composed as its Program.cs composes it;
/// tests claim a name and enqueue TaskInversionJob payloads as the gateway does, then read what the service
/// stored.
/// </summary>
public sealed class InversionFixture : IAsyncLifetime
{
    private EmbeddedGarnetServer? _garnet;

    public ModelServicesFixture Services { get; } = new();

    public ConnectionMultiplexer Connection { get; private set; } = null!;

    /// <summary>The edit queue's options: the registry lives under this prefix.</summary>
    public JobQueueOptions QueueOptions { get; } = new()
    {
        KeyPrefix = $"emuedit-inversion-test-{Guid.NewGuid():N}:",
        PollInterval = TimeSpan.FromMilliseconds(100),
        RetryBaseDelay = TimeSpan.FromMilliseconds(100),
    };

    public TaskInversionQueue Registrations { get; private set; } = null!;

    public TaskRegistryStore Registry { get; private set; } = null!;

    public ServiceHost Inversion { get; private set; } = null!;

    /// <summary>What every inversion host here needs: the model folder, this queue server and the three model services.</summary>
    public Dictionary<string, string?> HostSettings() => new()
    {
        ["Model:Directory"] = Services.Model.Path,
        ["ConnectionStrings:redis"] = Connection.Configuration,
        ["ModelServices:TaskPredictor"] = Services.TaskPredictor.Address.ToString(),
        ["ModelServices:TextEncoder"] = Services.TextEncoder.Address.ToString(),
        ["ModelServices:VaeDecoder"] = Services.VaeDecoder.Address.ToString(),
    };

    public async Task InitializeAsync()
    {
        await Services.InitializeAsync();
        _garnet = EmbeddedGarnetServer.Start(new EmbeddedGarnetOptions { Port = FreePort.Next() });
        Connection = await ConnectionMultiplexer.ConnectAsync(_garnet.ConnectionString);
        var settings = HostSettings();
        settings["Queue:KeyPrefix"] = QueueOptions.KeyPrefix;
        settings["Queue:PollInterval"] = QueueOptions.PollInterval.ToString();
        settings["Queue:RetryBaseDelay"] = QueueOptions.RetryBaseDelay.ToString();
        settings["Inversion:ProgressInterval"] = TimeSpan.FromMilliseconds(50).ToString();
        Registrations = new TaskInversionQueue(Connection, TaskInversionQueue.BindOptions(
            new ConfigurationBuilder().AddInMemoryCollection(settings).Build()));
        Registry = new TaskRegistryStore(Connection, QueueOptions);
        Inversion = await ServiceHost.StartAsync(b => b.AddInversion(), a => a.MapInversion(), settings);
    }

    public async Task DisposeAsync()
    {
        await Inversion.DisposeAsync();
        await Connection.DisposeAsync();
        _garnet?.Dispose();
        await Services.DisposeAsync();
    }
}
