using EmuEdit.Contracts.V1;
using JobState = EmuEdit.Queue.JobState;
using EmuEdit.Pipeline.Serving;
using EmuEdit.Queue;
using Google.Protobuf;
using StackExchange.Redis;

namespace EmuEdit.Inversion;

/// <summary>
/// Takes registrations from the registration queue one at a time (learning and validation use the whole
/// U-Net) and settles each: completed with its result, failed at once when it cannot succeed (its claim on
/// the name released), or failed for a retry when the cause may pass (the claim kept until the attempts
/// run out). More throughput means more replicas, each with its own queue name.
/// </summary>
/// <remarks>
/// On SIGTERM it takes no new registration; the running one may finish within <see cref="InversionServiceOptions.DrainTimeout"/>,
/// after which it stops between optimiser steps and is handed back to the ready list at once, its attempt given
/// back (<see cref="JobConsumer.HandBackAsync"/>), to start again on another replica.
/// </remarks>
public sealed class RegistrationWorker(IConnectionMultiplexer connection, TaskInversionQueue queue, TaskRegistryStore registry, RegistrationRunner runner,
    InversionServiceOptions options, ModelServicesCheck modelCheck, TimeProvider time, ILoggerFactory loggerFactory, IHostApplicationLifetime lifetime) : BackgroundService
{
    private readonly ILogger _logger = loggerFactory.CreateLogger<RegistrationWorker>();
    private readonly CancellationTokenSource _drain = new();

    /// <summary>This service's name in the registration queue.</summary>
    public string WorkerId { get; } = options.ResolveWorkerId();

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _drain.CancelAfter(options.DrainTimeout);
        // The host's shutdown timeout ends the drain in any case.
        await using var _ = cancellationToken.Register(() => _drain.Cancel());
        await base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _drain.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        // A task learned in another autoencoder's latent space would be registered for every worker: check first.
        if (!await modelCheck.PassesAsync(mismatch =>
            {
                _logger.LogCritical("Inversion {WorkerId} takes no registrations and stops: {Mismatch}", WorkerId, mismatch);
                lifetime.StopApplication();
            }, stoppingToken)) return;
        var consumer = NewConsumer(WorkerId);
        _logger.LogInformation("Inversion {WorkerId} takes registrations from {ReadyList}", WorkerId, queue.Jobs.Keys.Ready);
        try
        {
            var recovered = false;
            for (var generation = 1; !stoppingToken.IsCancellationRequested;)
            {
                JobLease lease;
                try
                {
                    if (!recovered)
                    {
                        // A restarted pod keeps its name: what its previous run held would stay out of the reaper's reach.
                        var returned = await consumer.RecoverAsync(stoppingToken);
                        if (returned > 0) _logger.LogWarning("Returned {Count} registrations left by the previous run of {WorkerId}", returned, WorkerId);
                        recovered = true;
                    }
                    lease = await consumer.DequeueAsync(stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception error) when (QueueFailures.IsTransient(error))
                {
                    // The server may be restarting: look again after the poll interval.
                    _logger.LogWarning(error, "Taking a registration failed; retrying");
                    await DelayAsync(queue.Options.PollInterval, stoppingToken);
                    continue;
                }
                try
                {
                    await SettleAsync(consumer, lease, _drain.Token);
                }
                catch (Exception error) when (QueueFailures.IsTransient(error))
                {
                    // The outcome could not be written. Silencing this consumer's heartbeat hands the job back (the
                    // reaper requeues it once the heartbeat expires); a new consumer name takes the next jobs.
                    _logger.LogError(error, "Registration {RegistrationId} could not be settled; handing it back", lease.JobId);
                    await RetireAsync(consumer);
                    consumer = NewConsumer($"{WorkerId}-{++generation}");
                }
            }
        }
        finally
        {
            await RetireAsync(consumer);
        }
    }

    private JobConsumer NewConsumer(string workerId)
    {
        var consumer = new JobConsumer(connection, queue.Options, workerId, time, loggerFactory.CreateLogger<JobConsumer>());
        consumer.StartHeartbeat();
        return consumer;
    }

    private async Task RetireAsync(JobConsumer consumer)
    {
        try
        {
            await consumer.DisposeAsync();
        }
        catch (Exception error) when (QueueFailures.IsTransient(error))
        {
            // The heartbeat key could not be deleted: it expires on its own.
            _logger.LogWarning(error, "The heartbeat of {WorkerId} was left to expire", consumer.WorkerId);
        }
    }

    private async Task SettleAsync(JobConsumer consumer, JobLease lease, CancellationToken drain)
    {
        using var span = QueueTelemetry.StartProcessing(lease);
        try
        {
            var result = await runner.RunAsync(lease, consumer, drain);
            await consumer.CompleteAsync(lease.JobId, result.ToByteArray(), CancellationToken.None);
            InversionTelemetry.Registrations.Add(1, Outcome("succeeded"));
        }
        catch (Exception error) when (drain.IsCancellationRequested
            && error is OperationCanceledException or Grpc.Core.RpcException { StatusCode: Grpc.Core.StatusCode.Cancelled })
        {
            // Handed back at once, its attempt given back: a rollout or scale-down did not fail it, and must not
            // move it towards "abandoned on each of N attempts". Should that fail, the reaper returns it.
            await HandBackAsync(consumer, lease);
            InversionTelemetry.Registrations.Add(1, Outcome("handed_back"));
        }
        catch (Exception error) when (error is InvalidRegistrationException or BuiltInTaskException)
        {
            _logger.LogWarning("Registration {RegistrationId} failed: {Error}", lease.JobId, error.Message);
            // The name is free before the registration reads as failed, so a caller who sees FAILED can register again at once.
            await ReleaseAsync(lease);
            await consumer.FailAsync(lease.JobId, error.Message, retryable: false, CancellationToken.None);
            InversionTelemetry.Registrations.Add(1, Outcome("failed"));
        }
        catch (TaskClaimLostException error)
        {
            // The name belongs to a newer registration now: its claim is not ours to release.
            _logger.LogWarning("Registration {RegistrationId} dropped: {Error}", lease.JobId, error.Message);
            await consumer.FailAsync(lease.JobId, error.Message, retryable: false, CancellationToken.None);
            InversionTelemetry.Registrations.Add(1, Outcome("failed"));
        }
        catch (Exception error)
        {
            _logger.LogError(error, "Registration {RegistrationId} failed on attempt {Attempt}", lease.JobId, lease.Attempt);
            var state = await consumer.FailAsync(lease.JobId, error.Message, retryable: true, CancellationToken.None);
            if (state == JobState.Failed) await ReleaseAsync(lease);
            InversionTelemetry.Registrations.Add(1, Outcome(state == JobState.Failed ? "failed" : "retried"));
        }
    }

    private async Task HandBackAsync(JobConsumer consumer, JobLease lease)
    {
        using var limit = new CancellationTokenSource(options.HandBackTimeout);
        try
        {
            await consumer.HandBackAsync(CancellationToken.None).WaitAsync(limit.Token);
            _logger.LogInformation("Registration {RegistrationId} handed back at shutdown", lease.JobId);
        }
        catch (Exception error) when (QueueFailures.IsTransient(error) || error is OperationCanceledException)
        {
            _logger.LogWarning(error, "Registration {RegistrationId} was not handed back at shutdown; the reaper returns it", lease.JobId);
        }
    }

    /// <summary>A failed registration frees its name at once; the gateway would otherwise take a dead claim over only when asked.</summary>
    private async Task ReleaseAsync(JobLease lease)
    {
        try
        {
            TaskInversionJob job = TaskInversionJob.Parser.ParseFrom(lease.Payload.Span);
            if (!string.IsNullOrEmpty(job.Name)) await registry.ReleaseClaimAsync(job.Name, lease.JobId);
        }
        catch (Exception error) when (error is InvalidProtocolBufferException || QueueFailures.IsTransient(error))
        {
            _logger.LogWarning(error, "The claim of registration {RegistrationId} was not released; the gateway takes it over when the name is registered again", lease.JobId);
        }
    }

    private static KeyValuePair<string, object?> Outcome(string outcome) => new("outcome", outcome);

    private static async Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try { await Task.Delay(delay, cancellationToken); }
        catch (OperationCanceledException) { }
    }
}
