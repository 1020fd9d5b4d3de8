using EmuEdit.TaskPredictor;
using EmuEdit.TextEncoder;
using EmuEdit.VaeDecoder;

namespace EmuEdit.Pipeline.Tests.Support;

/// <summary>The three model services over one tiny checkpoint, each on its own loopback port.</summary>
public sealed class ModelServicesFixture : IAsyncLifetime
{
    public TinyModelFolder Model { get; } = new();

    public ServiceHost TaskPredictor { get; private set; } = null!;

    public ServiceHost TextEncoder { get; private set; } = null!;

    public ServiceHost VaeDecoder { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?> { ["Model:Directory"] = Model.Path };
        TaskPredictor = await ServiceHost.StartAsync(b => b.AddTaskPredictor(), a => a.MapTaskPredictor(), settings);
        TextEncoder = await ServiceHost.StartAsync(b => b.AddTextEncoder(), a => a.MapTextEncoder(), settings);
        VaeDecoder = await ServiceHost.StartAsync(b => b.AddVaeDecoder(), a => a.MapVaeDecoder(), settings);
    }

    public async Task DisposeAsync()
    {
        await TaskPredictor.DisposeAsync();
        await TextEncoder.DisposeAsync();
        await VaeDecoder.DisposeAsync();
        Model.Dispose();
    }
}
