using EmuEdit.DiffusionWorker.Tests.Support;
using EmuEdit.Inversion.Tests.Support;
using EmuEdit.Pipeline.Serving;
using EmuEdit.Pipeline.Tests.Support;
using TorchSharp;

namespace EmuEdit.Inversion.Tests;

/// <summary>The inversion service reads Worker:Device as the worker does: a GPU deployment learns on its GPU or does not start.</summary>
public sealed class DeviceTests(InversionFixture fixture) : IClassFixture<InversionFixture>
{
    private Dictionary<string, string?> Settings(string device)
    {
        var settings = fixture.HostSettings();
        settings["Worker:Device"] = device;
        return settings;
    }

    [Fact]
    public async Task A_cuda_device_without_a_cuda_backend_or_gpu_stops_the_start()
    {
        EmuEdit.Model.TorchRuntime.Initialise();
        if (torch.cuda.is_available()) return; // a GPU build on a GPU node starts; covered where one exists
        var error = await Assert.ThrowsAsync<WorkerConfigurationException>(() =>
            ServiceHost.StartAsync(b => b.AddInversion(), a => a.MapInversion(), Settings("cuda")));
        Assert.Contains("cuda", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_device_name_that_is_not_one_is_refused()
    {
        var error = await Assert.ThrowsAsync<WorkerConfigurationException>(() =>
            ServiceHost.StartAsync(b => b.AddInversion(), a => a.MapInversion(), Settings("tpu")));
        Assert.Contains("tpu", error.Message, StringComparison.Ordinal);
    }
}
