using TorchSharp;

using EmuEdit.Pipeline.Serving;

namespace EmuEdit.DiffusionWorker.Tests;

/// <summary>Worker:Device: what it accepts, and that a GPU setting on a build or node without CUDA stops the start.</summary>
public sealed class WorkerDeviceTests
{
    [Theory]
    [InlineData("cpu", DeviceType.CPU, -1)]
    [InlineData(" CUDA ", DeviceType.CUDA, -1)]
    [InlineData("cuda:1", DeviceType.CUDA, 1)]
    public void Parses_cpu_cuda_and_an_indexed_cuda_device(string name, DeviceType type, int index)
    {
        var device = WorkerDevice.Parse(name);
        Assert.Equal((type, index), (device.type, (int)device.index));
    }

    [Theory]
    [InlineData("gpu")]
    [InlineData("cuda:")]
    [InlineData("cuda:-1")]
    public void Refuses_anything_else_when_the_options_are_validated(string name)
    {
        var error = Assert.Throws<WorkerConfigurationException>(() => new WorkerOptions { Device = name }.Validate());
        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cuda_without_a_cuda_backend_or_gpu_stops_the_start_naming_the_build_switch_or_the_gpu()
    {
        EmuEdit.Model.TorchRuntime.Initialise();
        if (torch.cuda.is_available())
        {
            Assert.Equal(DeviceType.CUDA, WorkerDevice.Open("cuda").type);
            return;
        }
        var error = Assert.Throws<WorkerConfigurationException>(() => WorkerDevice.Open("cuda"));
        Assert.True(error.Message.Contains("EmuEditGpu", StringComparison.Ordinal) || error.Message.Contains("nvidia.com/gpu", StringComparison.Ordinal), error.Message);
        Assert.Equal(DeviceType.CPU, WorkerDevice.Open("cpu").type);
    }
}
