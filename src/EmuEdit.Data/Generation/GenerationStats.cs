using System.Collections.Concurrent;
using EmuEdit.Data.Filtering;

namespace EmuEdit.Data.Generation;

/// <summary>Thread-safe counts of attempts, acceptances and rejections (by reason), per task.</summary>
public sealed class GenerationStats
{
    private sealed class Counters
    {
        public long Attempts;
        public long Accepted;
        public readonly long[] Rejected = new long[Enum.GetValues<RejectionReason>().Length];
    }

    private readonly ConcurrentDictionary<string, Counters> _byTask = new();

    internal void Accept(string task)
    {
        var c = _byTask.GetOrAdd(task, _ => new Counters());
        Interlocked.Increment(ref c.Attempts);
        Interlocked.Increment(ref c.Accepted);
    }

    internal void Reject(string task, RejectionReason reason)
    {
        var c = _byTask.GetOrAdd(task, _ => new Counters());
        Interlocked.Increment(ref c.Attempts);
        Interlocked.Increment(ref c.Rejected[(int)reason]);
    }

    public IReadOnlyList<TaskStats> Snapshot() =>
        _byTask.OrderBy(kv => Tasks.EditTasks.All.ToList().IndexOf(kv.Key)).Select(kv => new TaskStats(
            kv.Key, Interlocked.Read(ref kv.Value.Attempts), Interlocked.Read(ref kv.Value.Accepted),
            Enum.GetValues<RejectionReason>().ToDictionary(r => r, r => Interlocked.Read(ref kv.Value.Rejected[(int)r])))).ToList();
}

public sealed record TaskStats(string Task, long Attempts, long Accepted, IReadOnlyDictionary<RejectionReason, long> Rejected)
{
    public double RejectionRate => Attempts == 0 ? 0 : 1.0 - (double)Accepted / Attempts;
}
