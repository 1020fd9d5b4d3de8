namespace EmuEdit.Queue;

/// <summary>Exponential backoff: base * 2^(attempt-1), capped, stretched by up to the jitter fraction.</summary>
public static class RetryBackoff
{
    public static TimeSpan Delay(int attempt, JobQueueOptions options, Random random)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(random);
        int doublings = Math.Max(0, attempt - 1);
        double baseMs = options.RetryBaseDelay.TotalMilliseconds;
        // Capped in floating point first so large attempt counts cannot overflow.
        double delayMs = Math.Min(options.RetryMaxDelay.TotalMilliseconds, baseMs * Math.Pow(2, doublings));
        delayMs *= 1 + (options.RetryJitter * random.NextDouble());
        return TimeSpan.FromMilliseconds(delayMs);
    }
}
