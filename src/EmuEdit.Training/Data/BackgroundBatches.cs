using System.Collections.Concurrent;

namespace EmuEdit.Training.Data;

/// <summary>
/// Makes batches for consecutive steps on a background thread into a bounded queue, so data generation
/// overlaps the optimiser step. Batches come out in step order; an exception in the producer is rethrown
/// by <see cref="Take"/>.
/// </summary>
public sealed class BackgroundBatches<T> : IDisposable
{
    private readonly BlockingCollection<(long Step, T Batch)> _queue;
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private Exception? _failure;

    /// <param name="firstStep">The step whose batch comes first (steps are 1-based: the batch of step s trains step s).</param>
    /// <param name="lastStep">The last step to make a batch for.</param>
    /// <param name="make">Makes the batch of a step; must be a pure function of the step for reproducible runs.</param>
    /// <param name="capacity">Batches made ahead at most.</param>
    public BackgroundBatches(long firstStep, long lastStep, Func<long, T> make, int capacity)
    {
        ArgumentNullException.ThrowIfNull(make);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _queue = new BlockingCollection<(long, T)>(capacity);
        _thread = new Thread(() => Produce(firstStep, lastStep, make)) { IsBackground = true, Name = "training-data" };
        _thread.Start();
    }

    /// <summary>The batch of <paramref name="step"/>; steps must be taken in order.</summary>
    public T Take(long step)
    {
        try
        {
            var (made, batch) = _queue.Take(_stop.Token);
            if (made != step) throw new InvalidOperationException($"expected the batch of step {step}, the loader made step {made}");
            return batch;
        }
        catch (InvalidOperationException) when (_failure is not null)
        {
            throw new InvalidOperationException("training data generation failed", _failure);
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join();
        _queue.Dispose();
        _stop.Dispose();
    }

    private void Produce(long first, long last, Func<long, T> make)
    {
        try
        {
            for (var step = first; step <= last; step++)
                _queue.Add((step, make(step)), _stop.Token);
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e)
        {
            _failure = e;
        }
        finally
        {
            _queue.CompleteAdding();
        }
    }
}
