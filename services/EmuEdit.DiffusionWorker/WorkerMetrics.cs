using System.Diagnostics.Metrics;

namespace EmuEdit.DiffusionWorker;

/// <summary>The worker's instruments (meter <see cref="MeterName"/>): jobs by outcome, steps, batch sizes, forward time.</summary>
public sealed class WorkerMetrics : IDisposable
{
    public const string MeterName = "EmuEdit.DiffusionWorker";
    public const string OutcomeTag = "outcome";

    private readonly Meter _meter;
    private readonly Counter<long> _jobs;
    private readonly Counter<long> _steps;
    private readonly Histogram<int> _batchSize;
    private readonly Histogram<double> _forward;
    private readonly Histogram<double> _stepsPerSecond;

    public WorkerMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(MeterName);
        _jobs = _meter.CreateCounter<long>("emuedit.worker.jobs", "{job}", "Jobs finished by this worker, by outcome");
        _steps = _meter.CreateCounter<long>("emuedit.worker.steps", "{step}", "Denoising steps done (one per job per forward); its rate is steps/s");
        _batchSize = _meter.CreateHistogram<int>("emuedit.worker.batch.size", "{job}", "Jobs sharing one U-Net forward");
        _forward = _meter.CreateHistogram<double>("emuedit.worker.forward.duration", "s", "Time of one batched sampler step");
        _stepsPerSecond = _meter.CreateHistogram<double>("emuedit.worker.throughput", "{step}/s", "Job-steps per second of each batched sampler step");
    }

    public void JobFinished(string outcome) => _jobs.Add(1, new KeyValuePair<string, object?>(OutcomeTag, outcome));

    public void Stepped(int batch, TimeSpan elapsed)
    {
        _steps.Add(batch);
        _batchSize.Record(batch);
        _forward.Record(elapsed.TotalSeconds);
        if (elapsed > TimeSpan.Zero) _stepsPerSecond.Record(batch / elapsed.TotalSeconds);
    }

    public void Dispose() => _meter.Dispose();
}

/// <summary>Values of <see cref="WorkerMetrics.OutcomeTag"/>.</summary>
public static class JobOutcomes
{
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string Retried = "retried";
    public const string Cancelled = "cancelled";
    public const string HandedBack = "handed_back";
}
