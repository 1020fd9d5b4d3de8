using EmuEdit.Model.Onnx;
using EmuEdit.TextEncoder;
using EmuEdit.VaeDecoder;

namespace EmuEdit.Pipeline.Tests.Support;

/// <summary>text-encoder and vae-decoder on ONNX Runtime, over graphs exported from the tiny checkpoint.</summary>
public sealed class OnnxServicesFixture : IAsyncLifetime
{
    public TinyModelFolder Model { get; } = new();

    public ServiceHost TextEncoder { get; private set; } = null!;

    public ServiceHost VaeDecoder { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        ModelOnnxExport.ExportAll(Model.Path);
        var settings = new Dictionary<string, string?> { ["Model:Directory"] = Model.Path, ["Inference:Runtime"] = "Onnx" };
        TextEncoder = await ServiceHost.StartAsync(b => b.AddTextEncoder(), a => a.MapTextEncoder(), settings);
        VaeDecoder = await ServiceHost.StartAsync(b => b.AddVaeDecoder(), a => a.MapVaeDecoder(), settings);
    }

    public async Task DisposeAsync()
    {
        await TextEncoder.DisposeAsync();
        await VaeDecoder.DisposeAsync();
        Model.Dispose();
    }
}
