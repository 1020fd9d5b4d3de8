using EmuEdit.Pipeline.Serving;

namespace EmuEdit.DiffusionWorker;

/// <summary>The worker loop's settings, section "Worker" (batch limits are Pipeline:MaxBatchSize).</summary>
public sealed class WorkerOptions
{
    public const string SectionName = "Worker";

    /// <summary>
    /// This worker's name in the queue (processing list, heartbeat); unset = host name plus a random suffix. It must
    /// be unique among live workers: a worker starting up returns what its processing list holds to the ready
    /// list, as the jobs of an earlier run under the same name (a restarted pod).
    /// </summary>
    public string? WorkerId { get; set; }

    /// <summary>How often, at most, the worker asks the queue whether its running jobs were cancelled (one round trip per job).</summary>
    public TimeSpan CancellationCheckInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Where the U-Net runs: cpu [default], cuda or cuda:N (GPU build only; see <see cref="WorkerDevice"/>).</summary>
    public string Device { get; set; } = WorkerDevice.Cpu;

    /// <summary>
    /// How long a stopping worker (SIGTERM: a scale-down, a rollout) keeps stepping the jobs it holds before it
    /// hands the unfinished ones back to the queue. Kubernetes' terminationGracePeriodSeconds must be at least
    /// <see cref="ShutdownTimeout"/> (k8s/base/diffusion-worker.yaml), or the kubelet's SIGKILL
    /// cuts the hand back short and the jobs wait for the reaper instead.
    /// </summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>Time allowed after the drain for handing unfinished jobs back and closing the queue connection.</summary>
    public TimeSpan HandBackTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// First pause before writing a job's outcome (result, failure, cancellation) again after the queue server
    /// did not answer; it doubles up to <see cref="OutcomeRetryMaxDelay"/>. The worker keeps trying until the
    /// write goes through or its drain ends (then the job is handed back), since an unwritten outcome leaves the
    /// job RUNNING where no reaper looks.
    /// </summary>
    public TimeSpan OutcomeRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest pause between two tries of an outcome write.</summary>
    public TimeSpan OutcomeRetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The host's shutdown timeout: the drain, then the hand back.</summary>
    public TimeSpan ShutdownTimeout => DrainTimeout + HandBackTimeout;

    public void Validate()
    {
        WorkerDevice.Parse(Device);
        if (DrainTimeout < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(DrainTimeout), DrainTimeout, "must not be negative");
        if (HandBackTimeout <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(HandBackTimeout), HandBackTimeout, "must be positive");
        if (CancellationCheckInterval < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(CancellationCheckInterval), CancellationCheckInterval, "must not be negative");
        if (OutcomeRetryDelay <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(OutcomeRetryDelay), OutcomeRetryDelay, "must be positive");
        if (OutcomeRetryMaxDelay < OutcomeRetryDelay)
            throw new ArgumentOutOfRangeException(nameof(OutcomeRetryMaxDelay), OutcomeRetryMaxDelay, "must be at least OutcomeRetryDelay");
        if (WorkerId is not null && string.IsNullOrWhiteSpace(WorkerId))
            throw new ArgumentException("Worker:WorkerId must not be blank when set.", nameof(WorkerId));
    }

    public string ResolveWorkerId() => WorkerId ?? $"{Environment.MachineName}-{Guid.NewGuid().ToString("N")[..8]}";
}
