namespace EmuEdit.Queue;

/// <summary>What enqueueing produced: a new job, or (Duplicate) the one an idempotency key already named.</summary>
public sealed record EnqueueResult(string JobId, bool Duplicate);
