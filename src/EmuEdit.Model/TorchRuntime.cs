using TorchSharp;

namespace EmuEdit.Model;

/// <summary>
/// One place that prepares LibTorch for this process: it loads the native library (failing with a
/// message that points at the fix when the loader refuses it) and sets the intra-op thread count.
/// </summary>
public static class TorchRuntime
{
    /// <summary>Environment variable that sets the default thread count (a positive integer).</summary>
    public const string ThreadsVariable = "EMUEDIT_TORCH_THREADS";

    private static readonly Lock Gate = new();
    private static bool _initialised;

    /// <summary>Loads LibTorch and applies the thread count; safe to call many times.</summary>
    /// <param name="threads">
    /// Intra-op threads; 0 means the <see cref="ThreadsVariable"/> environment variable if set, else one per
    /// core (more than cores only slows it down). On a machine shared with other busy processes one thread
    /// is often faster than two: OpenMP workers spin at barriers while their partner waits for a core.
    /// </param>
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
            var n = threads > 0 ? threads : ThreadsFromEnvironment() ?? Environment.ProcessorCount;
            torch.set_num_threads(n);
            _initialised = true;
        }
    }

    private static int? ThreadsFromEnvironment() =>
        int.TryParse(Environment.GetEnvironmentVariable(ThreadsVariable), out var n) && n > 0 ? n : null;
}
