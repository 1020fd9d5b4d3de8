using EmuEdit.Contracts.V1;
using EmuEdit.Gateway.Sessions;
using EmuEdit.Gateway.Validation;
using EmuEdit.Queue;
using QueueJobState = EmuEdit.Queue.JobState;

namespace EmuEdit.Gateway.Editing;

/// <summary>Everything the queue knows about one edit, as an EditStatus (GetEdit, CancelEdit, SubmitEdit, sessions).</summary>
public sealed class EditStatusReader(JobQueue queue, SessionIndex sessions)
{
    /// <summary>The edit's status; NOT_FOUND when the id is unknown or its state expired.</summary>
    /// <param name="withResult">Read the stored result (with its image) of a succeeded edit into <see cref="EditStatus.Result"/>.</param>
    public async Task<EditStatus> GetAsync(string editId, CancellationToken cancellationToken, bool withResult = true)
    {
        JobRecord? record = await queue.GetJobAsync(editId, cancellationToken).ConfigureAwait(false);
        if (record is null) throw NotFound(editId);
        return await ToStatusAsync(record, cancellationToken, withResult).ConfigureAwait(false);
    }

    public async Task<EditStatus> ToStatusAsync(JobRecord record, CancellationToken cancellationToken, bool withResult = true)
    {
        var status = new EditStatus
        {
            EditId = record.JobId,
            State = record.State.ToApi(),
            QueuePosition = -1,
            Attempts = record.Attempts,
            Step = record.Step,
            TotalSteps = record.TotalSteps,
            CancelRequested = record.CancelRequested,
            CreatedAt = ((DateTimeOffset?)record.CreatedAt).ToTimestamp(),
            StartedAt = record.StartedAt.ToTimestamp(),
            FinishedAt = record.FinishedAt.ToTimestamp(),
        };
        if (record.State == QueueJobState.Queued
            && await queue.GetQueuePositionAsync(record.JobId, cancellationToken).ConfigureAwait(false) is { } position)
        {
            status.QueuePosition = position;
        }
        if (withResult && record.State == QueueJobState.Succeeded
            && await queue.GetResultAsync(record.JobId, cancellationToken).ConfigureAwait(false) is { } stored)
        {
            status.Result = EditResults.Parse(stored);
        }
        if (record.State == QueueJobState.Failed)
        {
            status.Error = record.Error ?? "The edit failed.";
        }
        if (await sessions.FindSessionOfEditAsync(record.JobId).ConfigureAwait(false) is { } sessionId)
        {
            status.SessionId = sessionId;
        }
        return status;
    }

    public static Grpc.Core.RpcException NotFound(string editId) =>
        RequestErrors.NotFound($"No edit '{editId}': the id is unknown or its state expired (states are kept 24 hours).");
}
