using System.Globalization;
using EmuEdit.Queue;

namespace EmuEdit.Inversion;

/// <summary>
/// Carries the optimiser's (step, loss) from the learning thread to the registration's job at most once per
/// interval: the loss reported is the mean of the steps since the last report, readable by
/// GetTaskRegistration as the job's progress detail. Writing every step would cost a round trip each.
/// </summary>
public sealed class ProgressReporter : IAsyncDisposable
{
    private readonly JobConsumer _consumer;
    private readonly string _jobId;
    private readonly int _totalSteps;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly Lock _gate = new();
    private int _step;
    private int _reportedStep;
    private double _lossSum;
    private int _lossCount;

    public ProgressReporter(JobConsumer consumer, string jobId, int totalSteps, TimeSpan interval, TimeProvider time, ILogger logger)
    {
        _consumer = consumer;
        _jobId = jobId;
        _totalSteps = totalSteps;
        _logger = logger;
        _loop = Task.Run(() => LoopAsync(interval, time, _stop.Token));
    }

    /// <summary>Called by the optimiser after each step (any thread).</summary>
    public void Record(int step, double loss)
    {
        lock (_gate)
        {
            _step = step;
            _lossSum += loss;
            _lossCount++;
        }
    }

    /// <summary>Stops the loop and writes the last steps' progress.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        await FlushAsync(CancellationToken.None).ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task LoopAsync(TimeSpan interval, TimeProvider time, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false)) await FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        int step;
        double loss;
        lock (_gate)
        {
            if (_lossCount == 0 || _step == _reportedStep) return;
            step = _step;
            loss = _lossSum / _lossCount;
            _reportedStep = step;
            _lossSum = 0;
            _lossCount = 0;
        }
        try
        {
            await _consumer.ReportProgressAsync(_jobId, step, _totalSteps, loss.ToString("R", CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (QueueFailures.IsTransient(error) || error is OperationCanceledException)
        {
            // Progress is best effort: a lost report never fails the registration.
            _logger.LogWarning(error, "Progress of registration {RegistrationId} at step {Step} was not recorded", _jobId, step);
        }
    }
}
