using StackExchange.Redis;

namespace EmuEdit.Gateway.Sessions;

/// <summary>Which session an edit was made in.</summary>
public sealed class SessionIndex(IConnectionMultiplexer redis, SessionKeys keys)
{
    public async Task<string?> FindSessionOfEditAsync(string editId)
    {
        RedisValue value = await redis.GetDatabase().StringGetAsync(keys.SessionOfEdit(editId)).ConfigureAwait(false);
        return value.IsNull ? null : value.ToString();
    }
}
