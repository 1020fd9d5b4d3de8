using System.Diagnostics;
using EmuEdit.Contracts.V1;
using EmuEdit.Pipeline.Engine;
using EmuEdit.Pipeline.Imaging;
using EmuEdit.Pipeline.Serving;
using EmuEdit.Queue;
using Google.Protobuf;
using StackExchange.Redis;

namespace EmuEdit.DiffusionWorker;

/// <summary>
/// The worker loop with dynamic batching: jobs taken while others run are prepared concurrently (task
/// prediction, text and image encoding happen on the model services) and join the running batch between
/// steps, up to Pipeline:MaxBatchSize; each step advances every running job in ONE U-Net forward. Between
/// steps it reports progress (with previews), honours cancellation requests and hands finished jobs to
/// decoding and storage, which also run beside the next steps.
/// </summary>
/// <remarks>
/// On SIGTERM it stops taking jobs and keeps stepping the ones it holds until they finish or
/// Worker:DrainTimeout runs out; whatever is left then is handed back to the ready list at once
/// (<see cref="JobConsumer.HandBackAsync"/>), without spending an attempt, within Worker:HandBackTimeout.
/// </remarks>
public sealed class DiffusionWorkerService(
    IConnectionMultiplexer connection, JobQueueOptions queueOptions, WorkerOptions options, EditEngine engine, ModelServicesCheck modelCheck,
    WorkerMetrics metrics, TimeProvider time, ILoggerFactory loggerFactory, IHostApplicationLifetime lifetime) : BackgroundService
{
    private readonly ILogger _logger = loggerFactory.CreateLogger<DiffusionWorkerService>();
    private readonly CancellationTokenSource _deadline = new();
    private readonly List<WorkerJob> _running = [];
    private readonly List<Task<WorkerJob?>> _preparing = [];
    private readonly List<Task> _finishing = [];
    private readonly TransientRetry _outcomes = new(options.OutcomeRetryDelay, options.OutcomeRetryMaxDelay, time);
    private long _lastCancellationCheck;
    private bool _recovered;

    /// <summary>This worker's name in the queue.</summary>
    public string WorkerId { get; } = options.ResolveWorkerId();

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // The drain ends at DrainTimeout (or sooner if the host gives up first); base.StopAsync stops the
        // taking of jobs at once and waits for ExecuteAsync, hand back included.
        _deadline.CancelAfter(options.DrainTimeout);
        await using var _ = cancellationToken.Register(() => _deadline.Cancel());
        await base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _deadline.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken hostStopping)
    {
        await Task.Yield();
        // Stop taking jobs as soon as the host begins stopping, not only when it reaches this service's
        // StopAsync: in between, a job enqueued after the signal must stay on the ready list for others.
        using var taking = CancellationTokenSource.CreateLinkedTokenSource(hostStopping, lifetime.ApplicationStopping);
        var stoppingToken = taking.Token;
        var deadline = _deadline.Token;
        // Before the first job: a worker of another model than the vae-decoder's would spoil every edit.
        if (!await modelCheck.PassesAsync(mismatch =>
            {
                _logger.LogCritical("Worker {WorkerId} takes no jobs and stops: {Mismatch}", WorkerId, mismatch);
                lifetime.StopApplication();
            }, stoppingToken)) return;
        var consumer = new JobConsumer(connection, queueOptions, WorkerId, time, loggerFactory.CreateLogger<JobConsumer>());
        try
        {
            consumer.StartHeartbeat();
            _logger.LogInformation("Worker {WorkerId} takes jobs, up to {MaxBatch} a batch", WorkerId, engine.Options.MaxBatchSize);
            while (!deadline.IsCancellationRequested)
            {
                await CollectPreparedAsync();
                _finishing.RemoveAll(t => t.IsCompleted);
                var stopping = stoppingToken.IsCancellationRequested;
                if (stopping && _running.Count == 0 && _preparing.Count == 0)
                {
                    await Task.WhenAll(_finishing).WaitAsync(deadline);
                    break;
                }
                if (!stopping && !_recovered) _recovered = await RecoverAsync(consumer, stoppingToken);
                if (!stopping && _recovered) await TakeJobsAsync(consumer, stoppingToken, deadline);
                if (_running.Count == 0)
                {
                    if (_preparing.Count > 0) await Task.WhenAny(_preparing).WaitAsync(deadline);
                    continue;
                }
                await CheckCancellationsAsync(consumer, deadline);
                await StepAsync(consumer, deadline);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
        }
        finally
        {
            HandBack();
            await HandBackToQueueAsync(consumer);
            await consumer.DisposeAsync();
        }
    }

    /// <summary>
    /// Returns every job still in this worker's processing list to the ready list. Preparations and
    /// completions cut off by the deadline are let settle first, so a job whose result was being stored
    /// either is stored or goes back, never both half-way.
    /// </summary>
    private async Task HandBackToQueueAsync(JobConsumer consumer)
    {
        using var limit = new CancellationTokenSource(options.HandBackTimeout);
        try
        {
            await Task.WhenAll(_preparing.Concat(_finishing)).WaitAsync(limit.Token);
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested)
        {
            _logger.LogWarning("Work still unsettled after {Timeout}; handing back what is held", options.HandBackTimeout);
        }
        catch (Exception)
        {
            // Each task records its own outcome; what is left in the processing list goes back below.
        }
        try
        {
            var returned = await consumer.HandBackAsync(CancellationToken.None).WaitAsync(limit.Token);
            if (returned > 0) _logger.LogWarning("Handed {Count} unfinished jobs back to the ready list", returned);
        }
        catch (Exception error) when (error is RedisException or OperationCanceledException)
        {
            // The heartbeat is deleted on dispose, so the reaper returns them at its next pass instead.
            _logger.LogError(error, "Handing jobs back failed; the reaper will return them");
        }
    }

    /// <summary>Returns the jobs an earlier run under this worker id left behind (a restarted pod); false if the queue did not answer.</summary>
    private async Task<bool> RecoverAsync(JobConsumer consumer, CancellationToken stoppingToken)
    {
        try
        {
            var returned = await consumer.RecoverAsync();
            if (returned > 0) _logger.LogWarning("Returned {Count} jobs left by the previous run of worker {WorkerId}", returned, WorkerId);
            return true;
        }
        catch (Exception error) when (QueueFailures.IsTransient(error))
        {
            _logger.LogWarning(error, "Looking for jobs left by a previous run failed");
            try { await Task.Delay(queueOptions.PollInterval, time, stoppingToken); }
            catch (OperationCanceledException) { }
            return false;
        }
    }

    /// <summary>Idle: waits for a job. Busy: takes what is ready now, up to the free batch places.</summary>
    private async Task TakeJobsAsync(JobConsumer consumer, CancellationToken stoppingToken, CancellationToken deadline)
    {
        try
        {
            if (_running.Count == 0 && _preparing.Count == 0)
                _preparing.Add(PrepareAsync(consumer, await consumer.DequeueAsync(stoppingToken), deadline));
            while (_running.Count + _preparing.Count < engine.Options.MaxBatchSize
                   && await consumer.TryDequeueWhenSignalledAsync(stoppingToken) is { } lease)
                _preparing.Add(PrepareAsync(consumer, lease, deadline));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception error) when (QueueFailures.IsTransient(error))
        {
            // The queue server may be restarting; running jobs go on and the next pass tries again.
            _logger.LogWarning(error, "Taking jobs failed");
            if (_running.Count == 0) await Task.Delay(queueOptions.PollInterval, deadline);
        }
    }

    private async Task CollectPreparedAsync()
    {
        foreach (var done in _preparing.Where(t => t.IsCompleted).ToList())
        {
            _preparing.Remove(done);
            if (await done is not { } job) continue;
            // An idle worker's first job was checked for a cancel request by its claim a moment ago: its
            // first step need not wait for another look (the interval restarts from here).
            if (_running.Count == 0) _lastCancellationCheck = time.GetTimestamp();
            _running.Add(job);
        }
    }

    /// <summary>Parses the payload and runs everything before sampling, inside the job's processing span.</summary>
    private async Task<WorkerJob?> PrepareAsync(JobConsumer consumer, JobLease lease, CancellationToken deadline)
    {
        var job = new WorkerJob(lease, QueueTelemetry.StartProcessing(lease));
        try
        {
            var payload = ParsePayload(lease);
            job.Edit = await engine.StartAsync(EditInput.FromJob(lease.JobId, payload), deadline);
            job.Activity?.SetTag(PipelineTelemetry.TaskTag, job.Edit.Task);
            return job;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            HandBack(job);
            return null;
        }
        catch (Exception error)
        {
            await FailAsync(consumer, job, error, deadline);
            return null;
        }
    }

    private static EditJob ParsePayload(JobLease lease)
    {
        try
        {
            return EditJob.Parser.ParseFrom(lease.Payload.Span);
        }
        catch (InvalidProtocolBufferException error)
        {
            throw new InvalidEditException($"The payload of job {lease.JobId} is not an EditJob: {error.Message}", error);
        }
    }

    /// <summary>Stops the jobs whose cancellation was requested (at most once per check interval).</summary>
    private async Task CheckCancellationsAsync(JobConsumer consumer, CancellationToken deadline)
    {
        var now = time.GetTimestamp();
        if (time.GetElapsedTime(_lastCancellationCheck, now) < options.CancellationCheckInterval) return;
        _lastCancellationCheck = now;
        bool[] requested;
        try
        {
            requested = await Task.WhenAll(_running.Select(j => consumer.IsCancellationRequestedAsync(j.Id, deadline)));
        }
        catch (Exception error) when (QueueFailures.IsTransient(error))
        {
            _logger.LogWarning(error, "Checking cancellations failed");
            return;
        }
        var cancelled = _running.Where((_, i) => requested[i]).ToList();
        foreach (var job in cancelled)
        {
            _running.Remove(job);
            job.RequiredEdit.Cancel();
            job.Activity?.SetStatus(ActivityStatusCode.Error, "cancelled");
            _finishing.Add(AcknowledgeCancellationAsync(consumer, job.Id, deadline));
            metrics.JobFinished(JobOutcomes.Cancelled);
            _logger.LogInformation("Job {JobId} cancelled at step {Step} of {Total}", job.Id, job.RequiredEdit.Step, job.RequiredEdit.TotalSteps);
            job.Dispose();
        }
    }

    /// <summary>Writes a job's outcome through <see cref="TransientRetry"/> until it lands or the drain ends, logging each failed try.</summary>
    private Task<T> WriteOutcomeAsync<T>(string outcome, string jobId, Func<Task<T>> write, CancellationToken deadline) =>
        _outcomes.RunAsync(write,
            (error, attempt) => _logger.LogWarning(error, "Writing the {Outcome} of job {JobId} failed (try {Attempt}); trying again", outcome, jobId, attempt),
            deadline);

    private async Task AcknowledgeCancellationAsync(JobConsumer consumer, string jobId, CancellationToken deadline)
    {
        try
        {
            await WriteOutcomeAsync("cancellation", jobId, () => consumer.AcknowledgeCancellationAsync(jobId, CancellationToken.None), deadline);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            _logger.LogError("The cancellation of job {JobId} was not recorded before shutdown; the job goes back to the ready list", jobId);
        }
    }

    /// <summary>One batched forward, then progress for every job and decoding for the ones that finished.</summary>
    private async Task StepAsync(JobConsumer consumer, CancellationToken deadline)
    {
        var started = time.GetTimestamp();
        try
        {
            engine.Step(_running.Select(j => j.RequiredEdit).ToList());
        }
        catch (Exception error)
        {
            // A failed forward (out of memory, a bad kernel) spoils the whole batch; each job may succeed on a retry.
            _logger.LogError(error, "A sampler step of {Count} jobs failed", _running.Count);
            foreach (var job in _running) _finishing.Add(FailAsync(consumer, job, error, deadline));
            _running.Clear();
            return;
        }
        metrics.Stepped(_running.Count, time.GetElapsedTime(started));
        // Not awaited here: the queue round trips overlap the next forward instead of adding to every step.
        foreach (var job in _running) job.ProgressReported = ReportProgressAsync(consumer, job, job.ProgressReported, deadline);
        foreach (var job in _running.Where(j => j.RequiredEdit.IsComplete).ToList())
        {
            _running.Remove(job);
            _finishing.Add(FinishAsync(consumer, job, deadline));
        }
    }

    private async Task ReportProgressAsync(JobConsumer consumer, WorkerJob job, Task previous, CancellationToken deadline)
    {
        try
        {
            // Started before any await, so it reads this step's state even if the next step runs meanwhile.
            var reading = engine.ProgressAsync(job.RequiredEdit, deadline);
            await previous;
            var progress = await reading;
            await consumer.ReportProgressAsync(job.Id, progress.Step, progress.TotalSteps, progress.PreviewPng, deadline);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // Progress is advisory: a lost event must not fail the edit.
            _logger.LogWarning(error, "Progress of job {JobId} was not reported", job.Id);
        }
    }

    /// <summary>Decodes, encodes and stores the result, inside the job's processing span.</summary>
    private async Task FinishAsync(JobConsumer consumer, WorkerJob job, CancellationToken deadline)
    {
        Activity.Current = job.Activity;
        try
        {
            var output = await engine.FinishAsync(job.RequiredEdit, deadline);
            await job.ProgressReported; // every progress event goes out before the result
            var result = output.ToJobResult().ToByteArray();
            var stored = await WriteOutcomeAsync("result", job.Id, () => consumer.CompleteAsync(job.Id, result, CancellationToken.None), deadline);
            if (!stored) _logger.LogInformation("Job {JobId} was already finished (elsewhere, or by an earlier try whose answer was lost); this result is dropped", job.Id);
            job.Activity?.SetStatus(ActivityStatusCode.Ok);
            metrics.JobFinished(JobOutcomes.Succeeded);
            job.Dispose();
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            HandBack(job);
        }
        catch (Exception error)
        {
            await FailAsync(consumer, job, error, deadline);
        }
    }

    /// <summary>
    /// Records a failure: retried with backoff unless the payload or request itself is bad. The write is tried
    /// again until it goes through or the drain ends; then the hand back returns the job to the ready list.
    /// </summary>
    private async Task FailAsync(JobConsumer consumer, WorkerJob job, Exception error, CancellationToken deadline)
    {
        var retryable = JobFailures.IsRetryable(error);
        _logger.LogWarning(error, "Job {JobId} failed ({Kind})", job.Id, retryable ? "retryable" : "not retryable");
        job.Activity?.SetStatus(ActivityStatusCode.Error, error.Message);
        job.Activity?.AddException(error);
        try
        {
            var state = await WriteOutcomeAsync("failure", job.Id, () => consumer.FailAsync(job.Id, error.Message, retryable, CancellationToken.None), deadline);
            metrics.JobFinished(state == EmuEdit.Queue.JobState.RetryScheduled ? JobOutcomes.Retried : JobOutcomes.Failed);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            _logger.LogError("The failure of job {JobId} was not recorded before shutdown; the job goes back to the ready list", job.Id);
        }
        finally
        {
            job.Dispose();
        }
    }

    private void HandBack()
    {
        foreach (var job in _running) HandBack(job);
        _running.Clear();
    }

    private void HandBack(WorkerJob job)
    {
        _logger.LogWarning("Job {JobId} handed back unfinished at shutdown", job.Id);
        job.Activity?.SetStatus(ActivityStatusCode.Error, "handed back at shutdown");
        metrics.JobFinished(JobOutcomes.HandedBack);
        job.Dispose();
    }
}
