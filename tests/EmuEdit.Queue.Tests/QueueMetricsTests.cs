using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace EmuEdit.Queue.Tests;

public sealed class QueueMetricsTests(GarnetServerFixture server) : QueueTestBase(server), IClassFixture<GarnetServerFixture>
{
    [Fact]
    public async Task State_changes_and_refusals_are_counted()
    {
        var totals = new ConcurrentDictionary<string, long>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == QueueTelemetry.SourceName) l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            string kind = tags.ToArray().FirstOrDefault(t => t.Key == "kind").Value?.ToString() ?? "";
            totals.AddOrUpdate($"{instrument.Name}/{kind}", value, (_, total) => total + value);
        });
        listener.Start();

        Options.MaxReadyLength = 1;
        JobQueue queue = Queue();
        string id = (await queue.EnqueueAsync(Bytes("counted"))).JobId;
        await Assert.ThrowsAsync<QueueFullException>(() => queue.EnqueueAsync(Bytes("refused")));
        JobConsumer worker = Consumer("w");
        await worker.TryDequeueAsync();
        await worker.CompleteAsync(id, Bytes("done"));

        // Other tests run in parallel and count too: at least ours must be there.
        Assert.True(totals.GetValueOrDefault("emuedit.queue.job.transitions/Queued") >= 1);
        Assert.True(totals.GetValueOrDefault("emuedit.queue.job.transitions/Started") >= 1);
        Assert.True(totals.GetValueOrDefault("emuedit.queue.job.transitions/Succeeded") >= 1);
        Assert.True(totals.GetValueOrDefault("emuedit.queue.job.rejected/") >= 1);
    }
}
