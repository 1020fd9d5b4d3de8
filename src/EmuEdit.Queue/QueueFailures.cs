using StackExchange.Redis;

namespace EmuEdit.Queue;

/// <summary>Which exceptions mean "the queue server did not answer this time" and are retried, not fatal.</summary>
public static class QueueFailures
{
    /// <summary>
    /// A Redis error or a timeout: StackExchange.Redis's RedisTimeoutException is a TimeoutException, not a
    /// RedisException, so catching RedisException alone lets a slow server stop a host.
    /// </summary>
    public static bool IsTransient(Exception error) => error is RedisException or TimeoutException;
}
