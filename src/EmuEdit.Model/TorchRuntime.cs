using TorchSharp;

namespace EmuEdit.Model;

/// <summary>
/// One place that prepares LibTorch for this process: it loads the native library (failing with a
/// message that points at the fix when the loader refuses it) and sets the intra-op thread count.
/// </summary>
public static class TorchRuntime
{
    private static readonly Lock Gate = new();
    private static bool _initialised;

    /// <summary>Loads LibTorch and applies the thread count; safe to call many times.</summary>
    /// <param name="threads">Intra-op threads; 0 means one per core (more than cores only slows it down).</param>
    public static void Initialise(int threads = 0)
    {
        lock (Gate)
        {
            if (_initialised) return;
            try
            {
                torch.InitializeDeviceType(DeviceType.CPU);
            }
            catch (Exception e) when (e is DllNotFoundException or NotSupportedException or TypeInitializationException)
            {
                throw new InvalidOperationException(
                    "LibTorch could not be loaded. On Debian 12 the build marks libLibTorchSharp.so's " +
                    "GLIBCXX_3.4.32 requirement weak (build/TorchSharpGlibcxx.targets); run the program " +
                    "from its build or publish output, not from a copy made elsewhere. Loader said: " + e.Message, e);
            }
            var n = threads > 0 ? threads : Environment.ProcessorCount;
            torch.set_num_threads(n);
            _initialised = true;
        }
    }
}
