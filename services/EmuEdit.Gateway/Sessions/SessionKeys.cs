using EmuEdit.Queue;
using StackExchange.Redis;

namespace EmuEdit.Gateway.Sessions;

/// <summary>Where sessions live, next to the queue's keys and under the same prefix.</summary>
public sealed class SessionKeys(JobQueueOptions options)
{
    private readonly string _prefix = options.KeyPrefix;

    /// <summary>Hash: created_at, the current image and its size, the number of turns, and how many are settled.</summary>
    public RedisKey Session(string sessionId) => $"{_prefix}session:{sessionId}";

    /// <summary>Hash: per turn n, the fields "n:instruction", "n:edit" and (once it succeeded) "n:image" and "n:result".</summary>
    public RedisKey Turns(string sessionId) => $"{_prefix}session:{sessionId}:turns";

    /// <summary>String: the session an edit belongs to, so GetEdit can say.</summary>
    public RedisKey SessionOfEdit(string editId) => $"{_prefix}session-of:{editId}";
}
