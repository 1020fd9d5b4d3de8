using EmuEdit.Contracts.V1;
using Grpc.Core;

namespace EmuEdit.AppHost.Tests;

/// <summary>Reads an Edit / EditInSession stream to its end: the events, and the status it ended with when it failed.</summary>
public static class EditStreams
{
    public sealed record Outcome(IReadOnlyList<EditEvent> Events, RpcException? Error)
    {
        public EditResult? Result => Events.LastOrDefault(e => e.EventCase == EditEvent.EventOneofCase.Result)?.Result;

        public IEnumerable<EditEvent.Types.Progress> Progress => Events.Where(e => e.EventCase == EditEvent.EventOneofCase.Progress).Select(e => e.Progress);

        public IEnumerable<EditEvent.Types.Started> Starts => Events.Where(e => e.EventCase == EditEvent.EventOneofCase.Started).Select(e => e.Started);
    }

    public static async Task<Outcome> ReadAsync(AsyncServerStreamingCall<EditEvent> call, Func<EditEvent, Task>? onEvent = null)
    {
        var events = new List<EditEvent>();
        try
        {
            while (await call.ResponseStream.MoveNext(CancellationToken.None))
            {
                events.Add(call.ResponseStream.Current);
                if (onEvent is not null) await onEvent(call.ResponseStream.Current);
            }
            return new Outcome(events, null);
        }
        catch (RpcException error)
        {
            return new Outcome(events, error);
        }
    }
}
