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

    /// <summary>
    /// The server refused a write for memory (maxmemory with noeviction, as k8s/base/redis.yaml runs it). Inside
    /// MULTI, which every queue write uses, Redis reports that as EXECABORT (measured: redis-server 7 answers an
    /// enqueue over maxmemory with "EXECABORT Transaction discarded because of previous errors"); the queue's
    /// fixed commands have no syntax that could abort a transaction otherwise.
    /// </summary>
    public static bool IsOutOfMemory(Exception error) =>
        error is RedisServerException server
        && (server.Message.StartsWith("OOM", StringComparison.Ordinal) || server.Message.StartsWith("EXECABORT", StringComparison.Ordinal));
}
