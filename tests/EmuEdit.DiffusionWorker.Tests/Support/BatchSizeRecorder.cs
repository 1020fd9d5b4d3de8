using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace EmuEdit.DiffusionWorker.Tests.Support;

/// <summary>Listens to the worker's batch-size histogram, to see which jobs shared U-Net forwards.</summary>
public sealed class BatchSizeRecorder : IDisposable
{
    private readonly MeterListener _listener = new();

    public BatchSizeRecorder()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == WorkerMetrics.MeterName && instrument.Name == "emuedit.worker.batch.size")
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<int>((_, value, _, _) => Sizes.Add(value));
        _listener.Start();
    }

    public ConcurrentBag<int> Sizes { get; } = [];

    public void Dispose() => _listener.Dispose();
}
