using TorchSharp;

namespace EmuEdit.Pipeline.Serving;

/// <summary>
/// Where the U-Net runs (Worker:Device; the diffusion worker and the inversion service both read it): "cpu", or "cuda" / "cuda:N" on a GPU build (-p:EmuEditGpu=true,
/// which brings TorchSharp-cuda-linux) on a node with an NVIDIA GPU. Checked at start, so a GPU pod on a
/// CPU build or without a visible GPU stops with the reason instead of sampling slowly on its CPU.
/// </summary>
public static class WorkerDevice
{
    public const string Cpu = "cpu";

    /// <summary>Loads the backend <paramref name="name"/> needs and returns the device.</summary>
    public static torch.Device Open(string name)
    {
        var device = Parse(name);
        if (device.type == DeviceType.CPU) return device;
        try
        {
            torch.InitializeDeviceType(DeviceType.CUDA);
        }
        catch (Exception e) when (e is DllNotFoundException or NotSupportedException or InvalidOperationException or TypeInitializationException)
        {
            throw new WorkerConfigurationException(
                $"Worker:Device is {name} but this build has no CUDA backend: build the GPU variant with -p:EmuEditGpu=true (docs/deploy.md). Loader said: {e.Message}", e);
        }
        if (!torch.cuda.is_available() || device.index >= torch.cuda.device_count())
            throw new WorkerConfigurationException(
                $"Worker:Device is {name} but {torch.cuda.device_count()} CUDA device(s) are visible: is the pod given an nvidia.com/gpu?");
        return device;
    }

    /// <summary>"cpu", "cuda" or "cuda:N"; anything else is a configuration error.</summary>
    public static torch.Device Parse(string name)
    {
        var text = name.Trim().ToLowerInvariant();
        if (text == Cpu) return torch.CPU;
        // A Device value, not torch.CUDA: that property loads the CUDA backend, which only Open may try.
        if (text == "cuda") return new torch.Device(DeviceType.CUDA, -1);
        if (text.StartsWith("cuda:", StringComparison.Ordinal) && int.TryParse(text.AsSpan(5), out var index) && index >= 0)
            return new torch.Device(DeviceType.CUDA, index);
        throw new WorkerConfigurationException($"Worker:Device must be cpu, cuda or cuda:N, not \"{name}\".");
    }
}

/// <summary>A worker or inversion setting that cannot work on this machine or build; the process stops at start with the message.</summary>
public sealed class WorkerConfigurationException(string message, Exception? inner = null) : Exception(message, inner);
