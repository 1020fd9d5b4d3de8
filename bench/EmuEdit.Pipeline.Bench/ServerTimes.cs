using System.Text.Json.Nodes;
using EmuEdit.Contracts.V1;

namespace EmuEdit.Pipeline.Bench;

/// <summary>
/// One gateway edit split by the job's own timestamps (GetEdit after the result, millisecond resolution,
/// same machine clock as the client): the gateway until the job was queued, the queue until a worker took
/// it, the worker until it stored the result, and the delivery of that result to the client.
/// </summary>
public sealed record ServerTimes(double IngressMs, double QueueWaitMs, double WorkerMs, double DeliveryMs)
{
    public static ServerTimes From(DateTimeOffset sent, DateTimeOffset received, EditStatus status)
    {
        DateTimeOffset created = status.CreatedAt.ToDateTimeOffset();
        DateTimeOffset started = status.StartedAt.ToDateTimeOffset();
        DateTimeOffset finished = status.FinishedAt.ToDateTimeOffset();
        return new ServerTimes(
            (created - sent).TotalMilliseconds,
            (started - created).TotalMilliseconds,
            (finished - started).TotalMilliseconds,
            (received - finished).TotalMilliseconds);
    }

    public static JsonObject Medians(IReadOnlyCollection<ServerTimes> edits)
    {
        if (edits.Count == 0) return new JsonObject { ["edits"] = 0 };
        double Median(Func<ServerTimes, double> phase) => Math.Round(LatencySummary.Of([.. edits.Select(phase)]).Median, 1);
        return new JsonObject
        {
            ["client_to_queued_ms"] = Median(e => e.IngressMs),
            ["queued_to_taken_ms"] = Median(e => e.QueueWaitMs),
            ["taken_to_stored_ms"] = Median(e => e.WorkerMs),
            ["stored_to_client_ms"] = Median(e => e.DeliveryMs),
            ["edits"] = edits.Count,
        };
    }
}
