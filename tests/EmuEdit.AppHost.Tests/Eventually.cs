namespace EmuEdit.AppHost.Tests;

/// <summary>Polls until a condition holds: for outcomes that arrive asynchronously (a worker noticing a cancel).</summary>
public static class Eventually
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    public static async Task<T> ReturnsAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan timeout)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        T value = await read();
        while (!done(value))
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Still not done after {timeout}: last value {value}.");
            await Task.Delay(Interval);
            value = await read();
        }
        return value;
    }
}
