using System.Collections.Concurrent;
using System.Diagnostics;

namespace EmuEdit.DiffusionWorker.Tests.Support;

/// <summary>Records the spans of the queue, the pipeline and the tests' own producer source.</summary>
public sealed class SpanRecorder : IDisposable
{
    public const string ProducerSourceName = "EmuEdit.DiffusionWorker.Tests";

    private static readonly string[] Sources = ["EmuEdit.Queue", "EmuEdit.Pipeline", ProducerSourceName];
    private readonly ActivityListener _listener;

    public SpanRecorder()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => Sources.Contains(source.Name),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = Spans.Add,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public static ActivitySource Producer { get; } = new(ProducerSourceName);

    public ConcurrentBag<Activity> Spans { get; } = [];

    public void Dispose() => _listener.Dispose();
}
