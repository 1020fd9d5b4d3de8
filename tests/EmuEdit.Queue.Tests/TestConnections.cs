using StackExchange.Redis;

namespace EmuEdit.Queue.Tests;

internal static class TestConnections
{
    // Generous: the tests share a small, busy machine; a slow answer is not what they test.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static ConnectionMultiplexer Connect(string endpoint)
    {
        ConfigurationOptions options = ConfigurationOptions.Parse(endpoint);
        options.ConnectTimeout = (int)Timeout.TotalMilliseconds;
        options.SyncTimeout = (int)Timeout.TotalMilliseconds;
        options.AsyncTimeout = (int)Timeout.TotalMilliseconds;
        return ConnectionMultiplexer.Connect(options);
    }
}
