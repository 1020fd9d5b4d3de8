using System.Diagnostics;

namespace EmuEdit.Queue.Tests;

internal static class Eventually
{
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(25);

    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        Stopwatch waited = Stopwatch.StartNew();
        while (!await condition())
        {
            if (waited.Elapsed > timeout)
            {
                Assert.Fail($"Waited {timeout.TotalSeconds:0.#} s for {what}.");
            }
            await Task.Delay(Pause);
        }
    }
}
