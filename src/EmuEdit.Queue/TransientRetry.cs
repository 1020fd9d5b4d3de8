namespace EmuEdit.Queue;

/// <summary>
/// Repeats a queue write that failed transiently (the server restarting, a dropped connection) until it goes
/// through or the token ends the waiting, doubling the pause from <paramref name="firstDelay"/> up to
/// <paramref name="maxDelay"/>. For the outcomes a worker must record: a job whose success, failure or
/// cancellation is never written stays RUNNING in the processing list of a worker whose heartbeat goes on,
/// where no reaper looks.
/// </summary>
public sealed class TransientRetry
{
    private readonly TimeSpan _firstDelay;
    private readonly TimeSpan _maxDelay;
    private readonly TimeProvider _time;

    public TransientRetry(TimeSpan firstDelay, TimeSpan maxDelay, TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(firstDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDelay, firstDelay);
        _firstDelay = firstDelay;
        _maxDelay = maxDelay;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>
    /// Runs <paramref name="write"/> until it returns; <paramref name="failed"/> hears of each transient failure
    /// with its try number. Other exceptions propagate at once; cancelling <paramref name="cancellationToken"/>
    /// ends the waiting between tries with an <see cref="OperationCanceledException"/>.
    /// </summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> write, Action<Exception, int> failed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        ArgumentNullException.ThrowIfNull(failed);
        TimeSpan delay = _firstDelay;
        for (int attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                return await write().ConfigureAwait(false);
            }
            catch (Exception error) when (QueueFailures.IsTransient(error))
            {
                failed(error, attempt);
            }
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            delay = delay * 2 < _maxDelay ? delay * 2 : _maxDelay;
        }
    }
}
