using EmuEdit.Contracts.V1;
using EmuEdit.Gateway.Hosting;
using EmuEdit.Gateway.Validation;
using EmuEdit.Queue;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Options;
using QueueJobState = EmuEdit.Queue.JobState;

namespace EmuEdit.Gateway.Editing;

/// <summary>
/// Streams one queued edit to a client: accepted, queue positions, started (again after a retry),
/// progress with previews, and finally the result. Pub/sub events are best effort, so the job hash
/// is re-read every <see cref="GatewayOptions.StatusPollInterval"/> and after every state event: it is
/// the truth, and it also yields the moving queue position. Cancelling the call cancels the edit, and so
/// does a call that fails before its result.
/// </summary>
public sealed class EditFollower(JobQueue queue, IOptions<GatewayOptions> options, ILogger<EditFollower> logger)
{
    /// <summary>Writes every event but the result, and returns the result; ends with a status for failure or cancellation.</summary>
    public async Task<EditResult> FollowAsync(string editId, EditJob job, IServerStreamWriter<EditEvent> writer, CancellationToken callCancelled)
    {
        // The client cancelled or its deadline passed: the edit must not keep a worker busy. Registered on
        // the token itself, so the cancel happens however the follow loop learns of it (a cancelled read,
        // a write to a call that is over, or not at all while it waits on the network).
        using CancellationTokenRegistration cancelOnAbort = callCancelled.Register(() => _ = CancelAbandonedAsync(editId, "its call was cancelled or its deadline passed"));
        try
        {
            return await FollowCoreAsync(editId, job, writer, callCancelled).ConfigureAwait(false);
        }
        catch (Exception error) when (!callCancelled.IsCancellationRequested)
        {
            // The call ends without its result (a failed read of the queue, a write the client's stream refused):
            // nobody waits for the edit any more, so it must not keep a worker busy either. A job that already
            // ended (failed, cancelled, or a result that expired) is left as it is by the cancel.
            await CancelAbandonedAsync(editId, $"its stream failed ({error.GetType().Name})").ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Best effort: a failure is logged, never thrown (it would hide the call's own error, or go unobserved).</summary>
    private async Task CancelAbandonedAsync(string editId, string why)
    {
        try
        {
            JobRecord? record = await queue.CancelAsync(editId, CancellationToken.None).ConfigureAwait(false);
            // A job that had already ended is left as it was; only a waiting or running one is news.
            if (record is { State: QueueJobState.Cancelled or QueueJobState.Running })
                logger.LogInformation("Edit {EditId} cancelled: {Why}", editId, why);
        }
        catch (Exception error)
        {
            logger.LogWarning(error, "Edit {EditId} lost its call ({Why}) but could not be cancelled; it will run to its end", editId, why);
        }
    }

    private async Task<EditResult> FollowCoreAsync(string editId, EditJob job, IServerStreamWriter<EditEvent> writer, CancellationToken ct)
    {
        await using JobEventSubscription subscription = await queue.SubscribeAsync(editId, ct).ConfigureAwait(false);
        using var eventsStop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        IAsyncEnumerator<JobEvent> events = subscription.ReadAllAsync(eventsStop.Token).GetAsyncEnumerator(eventsStop.Token);
        Task<bool>? pendingEvent = null;
        try
        {
            var progress = new EditStreamProgress(editId, job, writer);
            bool eventsEnded = false;
            JobRecord record = await ReadAsync(editId, ct).ConfigureAwait(false);
            await progress.WriteAsync(new EditEvent { Accepted = new EditEvent.Types.Accepted { CreatedAt = ((DateTimeOffset?)record.CreatedAt).ToTimestamp() } }).ConfigureAwait(false);
            while (true)
            {
                if (await OnRecordAsync(record, progress, ct).ConfigureAwait(false) is { } result) return result;

                // Wait for the next event or the poll interval, whichever comes first; then read the truth again.
                Task delay = Task.Delay(options.Value.StatusPollInterval, ct);
                bool succeeded = false;
                while (!eventsEnded)
                {
                    pendingEvent ??= events.MoveNextAsync().AsTask();
                    if (await Task.WhenAny(pendingEvent, delay).ConfigureAwait(false) == delay) break;
                    eventsEnded = !await pendingEvent.ConfigureAwait(false);
                    pendingEvent = null;
                    if (eventsEnded || !await OnEventAsync(events.Current, progress, editId, ct).ConfigureAwait(false)) continue;
                    succeeded = events.Current.Kind == JobEventKind.Succeeded;
                    break;
                }
                if (eventsEnded) await delay.ConfigureAwait(false);
                // After a success event the result is read beside the hash, in the same round trip.
                Task<byte[]?>? resultRead = succeeded ? queue.GetResultAsync(editId, ct) : null;
                record = await ReadAsync(editId, ct).ConfigureAwait(false);
                if (resultRead is not null && record.State == QueueJobState.Succeeded
                    && await resultRead.ConfigureAwait(false) is { } stored) return EditResults.Parse(stored);
            }
        }
        finally
        {
            // An async iterator cannot be disposed while a MoveNextAsync is pending: stop it first.
            await eventsStop.CancelAsync().ConfigureAwait(false);
            if (pendingEvent is not null)
            {
                await pendingEvent.ContinueWith(static _ => { }, TaskScheduler.Default).ConfigureAwait(false);
            }
            await events.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Acts on the job's state; returns the result once it succeeded.</summary>
    private async Task<EditResult?> OnRecordAsync(JobRecord record, EditStreamProgress progress, CancellationToken ct)
    {
        switch (record.State)
        {
            case QueueJobState.Queued:
                if (await queue.GetQueuePositionAsync(record.JobId, ct).ConfigureAwait(false) is { } position)
                    await progress.QueuedAsync(position).ConfigureAwait(false);
                return null;
            case QueueJobState.Running:
                await progress.StartedAsync(record.Attempts, record.StartedAt).ConfigureAwait(false);
                return null;
            case QueueJobState.RetryScheduled:
                return null;
            case QueueJobState.Succeeded:
                byte[] stored = await queue.GetResultAsync(record.JobId, ct).ConfigureAwait(false)
                    ?? throw RequestErrors.Internal($"Edit {record.JobId} succeeded but its result is gone (results are kept for a limited time).");
                return EditResults.Parse(stored);
            case QueueJobState.Failed:
                throw RequestErrors.Internal($"Edit {record.JobId} failed after {record.Attempts} attempt(s): {record.Error ?? "no error was recorded"}");
            case QueueJobState.Cancelled:
                throw RequestErrors.Cancelled($"Edit {record.JobId} was cancelled.");
            default:
                throw new InvalidOperationException($"Edit {record.JobId} is in an unknown state {record.State}.");
        }
    }

    /// <summary>Acts on an event; true when the job's state changed and should be read again.</summary>
    private async Task<bool> OnEventAsync(JobEvent jobEvent, EditStreamProgress progress, string editId, CancellationToken ct)
    {
        switch (jobEvent.Kind)
        {
            case JobEventKind.Started:
                await progress.StartedAsync(jobEvent.Attempt).ConfigureAwait(false);
                // Read the job now: a run after a hand back keeps its attempt number, and only the hash's claim
                // time announces it, which must happen before its progress goes out.
                return true;
            case JobEventKind.Progress:
                if (!progress.HasStarted)
                {
                    // The Started event was missed (it came before the subscription): the hash knows the attempt.
                    JobRecord now = await ReadAsync(editId, ct).ConfigureAwait(false);
                    await progress.StartedAsync(now.Attempts, now.StartedAt).ConfigureAwait(false);
                }
                await progress.ProgressAsync(jobEvent.Step, jobEvent.TotalSteps, jobEvent.Preview).ConfigureAwait(false);
                return false;
            case JobEventKind.CancelRequested:
                return false;
            default:
                return true;
        }
    }

    private async Task<JobRecord> ReadAsync(string editId, CancellationToken ct) =>
        await queue.GetJobAsync(editId, ct).ConfigureAwait(false)
        ?? throw RequestErrors.Internal($"Edit {editId} disappeared from the queue while it was followed.");
}
