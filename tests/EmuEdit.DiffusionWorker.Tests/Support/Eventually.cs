using System.Diagnostics;

namespace EmuEdit.DiffusionWorker.Tests.Support;

internal static class Eventually
{
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(25);

    /// <summary>Polls until <paramref name="probe"/> returns a value, or fails naming <paramref name="what"/>.</summary>
    public static async Task<T> ValueAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, string what) where T : class
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (await probe() is { } value) return value;
            if (waited.Elapsed > timeout) Assert.Fail($"Waited {timeout.TotalSeconds:0.#} s for {what}.");
            await Task.Delay(Pause);
        }
    }
}
