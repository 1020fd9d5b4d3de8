using EmuEdit.Contracts.V1;
using EmuEdit.Gateway.Hosting;
using Google.Protobuf;
using EmuEdit.Gateway.Validation;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace EmuEdit.Gateway.Sessions;

/// <summary>
/// Sessions on the Redis-protocol server: the current image, the turns, and a settled counter. Every
/// change is one MULTI conditioned on the counters it read, so two gateways racing on one session
/// cannot both start a turn or both apply one. Every write renews the session's TTL.
/// </summary>
public sealed class SessionStore(IConnectionMultiplexer redis, SessionKeys keys, IOptions<GatewayOptions> options, TimeProvider time)
{
    /// <summary>How long a session lives after its last change (Gateway:SessionTtl).</summary>
    public TimeSpan Ttl => options.Value.SessionTtl;

    public async Task<string> CreateAsync(AcceptedImage image)
    {
        string sessionId = Guid.CreateVersion7().ToString("N");
        ITransaction tx = redis.GetDatabase().CreateTransaction();
        _ = tx.HashSetAsync(keys.Session(sessionId),
        [
            new HashEntry(SessionFields.CreatedAt, time.GetUtcNow().ToUnixTimeMilliseconds()),
            new HashEntry(SessionFields.Image, image.Png),
            new HashEntry(SessionFields.Width, image.Width),
            new HashEntry(SessionFields.Height, image.Height),
            new HashEntry(SessionFields.Turns, 0),
            new HashEntry(SessionFields.Settled, 0),
        ]);
        _ = tx.KeyExpireAsync(keys.Session(sessionId), Ttl);
        await tx.ExecuteAsync().ConfigureAwait(false);
        return sessionId;
    }

    /// <summary>The session, or null when it is unknown or expired.</summary>
    public async Task<SessionSnapshot?> ReadAsync(string sessionId, bool withTurnImages)
    {
        IDatabase db = redis.GetDatabase();
        var session = (await db.HashGetAllAsync(keys.Session(sessionId)).ConfigureAwait(false)).ToDictionary(e => e.Name.ToString(), e => e.Value);
        if (!session.TryGetValue(SessionFields.Image, out RedisValue image)) return null;
        int turnCount = (int)session[SessionFields.Turns];

        // Only the turn fields asked for: a turn's image is up to megabytes, and most reads (every turn start,
        // every settle check) need none. A turn's fields are written in the MULTI that counts it, and its result
        // in the one that settles it, so every turn the session hash counts is there to read.
        int perTurn = withTurnImages ? 4 : 3;
        var fields = new RedisValue[turnCount * perTurn];
        for (int n = 1; n <= turnCount; n++)
        {
            int at = (n - 1) * perTurn;
            fields[at] = SessionFields.TurnInstruction(n);
            fields[at + 1] = SessionFields.TurnEdit(n);
            fields[at + 2] = SessionFields.TurnResult(n);
            if (withTurnImages) fields[at + 3] = SessionFields.TurnImage(n);
        }
        RedisValue[] values = turnCount == 0 ? [] : await db.HashGetAsync(keys.Turns(sessionId), fields).ConfigureAwait(false);

        var turns = new List<SessionTurnRecord>(turnCount);
        for (int n = 1; n <= turnCount; n++)
        {
            int at = (n - 1) * perTurn;
            // Both hashes share one TTL: a turn counted but gone expired with its session between the two reads.
            if (values[at + 1].IsNull) return null;
            RedisValue resultImage = withTurnImages ? values[at + 3] : RedisValue.Null;
            EditResult? result = values[at + 2].IsNull ? null : EditResult.Parser.ParseFrom((byte[])values[at + 2]!);
            turns.Add(new SessionTurnRecord(n, values[at].ToString(), values[at + 1].ToString(), resultImage.IsNull ? null : (byte[])resultImage!, result));
        }
        return new SessionSnapshot(
            sessionId,
            DateTimeOffset.FromUnixTimeMilliseconds((long)session[SessionFields.CreatedAt]),
            new AcceptedImage((byte[])image!, (int)session[SessionFields.Width], (int)session[SessionFields.Height]),
            (int)session[SessionFields.Settled],
            turns);
    }

    /// <summary>
    /// Records turn <paramref name="turn"/> (= turns read + 1) as run by <paramref name="editId"/>.
    /// False when another turn started or settled since <paramref name="read"/> was taken.
    /// </summary>
    public async Task<bool> TryBeginTurnAsync(SessionSnapshot read, int turn, string instruction, string editId)
    {
        RedisKey session = keys.Session(read.SessionId);
        ITransaction tx = redis.GetDatabase().CreateTransaction();
        tx.AddCondition(Condition.HashEqual(session, SessionFields.Turns, read.Turns.Count));
        tx.AddCondition(Condition.HashEqual(session, SessionFields.Settled, read.Settled));
        _ = tx.HashSetAsync(session, SessionFields.Turns, turn);
        _ = tx.HashSetAsync(keys.Turns(read.SessionId),
        [
            new HashEntry(SessionFields.TurnInstruction(turn), instruction),
            new HashEntry(SessionFields.TurnEdit(turn), editId),
        ]);
        _ = tx.StringSetAsync(keys.SessionOfEdit(editId), read.SessionId, Ttl);
        RenewTtl(tx, read.SessionId);
        return await tx.ExecuteAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Marks turn <paramref name="turn"/> settled; with a result, that image becomes the current one
    /// and is kept as the turn's image, and the rest of the result (<paramref name="resultInfo"/>, its image
    /// left out) as the turn's result. False when someone else settled it first.
    /// </summary>
    public async Task<bool> TrySettleTurnAsync(string sessionId, int turn, AcceptedImage? result, EditResult? resultInfo = null)
    {
        RedisKey session = keys.Session(sessionId);
        ITransaction tx = redis.GetDatabase().CreateTransaction();
        tx.AddCondition(Condition.HashEqual(session, SessionFields.Settled, turn - 1));
        _ = tx.HashSetAsync(session, SessionFields.Settled, turn);
        if (result is not null)
        {
            _ = tx.HashSetAsync(session,
            [
                new HashEntry(SessionFields.Image, result.Png),
                new HashEntry(SessionFields.Width, result.Width),
                new HashEntry(SessionFields.Height, result.Height),
            ]);
            _ = tx.HashSetAsync(keys.Turns(sessionId), SessionFields.TurnImage(turn), result.Png);
        }
        if (resultInfo is not null)
        {
            // Named fields, not a copy less its image: whatever EditResult gains later is not stored per turn unasked.
            var withoutImage = new EditResult { Task = resultInfo.Task, TaskProbability = resultInfo.TaskProbability, Seed = resultInfo.Seed, Steps = resultInfo.Steps };
            _ = tx.HashSetAsync(keys.Turns(sessionId), SessionFields.TurnResult(turn), withoutImage.ToByteArray());
        }
        RenewTtl(tx, sessionId);
        return await tx.ExecuteAsync().ConfigureAwait(false);
    }

    private void RenewTtl(ITransaction tx, string sessionId)
    {
        _ = tx.KeyExpireAsync(keys.Session(sessionId), Ttl);
        _ = tx.KeyExpireAsync(keys.Turns(sessionId), Ttl);
    }
}
