using System.Diagnostics;
using EmuEdit.Pipeline.Engine;
using EmuEdit.Queue;

namespace EmuEdit.DiffusionWorker;

/// <summary>A job this worker holds: its lease, its processing span (the producer's trace) and, once prepared, its edit.</summary>
internal sealed class WorkerJob(JobLease lease, Activity? activity) : IDisposable
{
    public JobLease Lease { get; } = lease;

    public string Id => Lease.JobId;

    public Activity? Activity { get; } = activity;

    public ActiveEdit? Edit { get; set; }

    /// <summary>The latest progress report, still being written while the next step runs; each report waits for the one before.</summary>
    public Task ProgressReported { get; set; } = Task.CompletedTask;

    /// <summary>The prepared edit; only jobs that have one are ever stepped.</summary>
    public ActiveEdit RequiredEdit => Edit ?? throw new InvalidOperationException($"Job {Id} has no prepared edit.");

    public void Dispose()
    {
        Edit?.Dispose();
        Activity?.Dispose();
    }
}
