using System.Globalization;
using EmuEdit.Contracts.V1;
using EmuEdit.Gateway.Editing;
using EmuEdit.Gateway.Validation;
using EmuEdit.Queue;
using QueueJobState = EmuEdit.Queue.JobState;

namespace EmuEdit.Gateway.Tasks;

/// <summary>Everything the registration queue knows about one registration, as a RegistrationStatus (GetTaskRegistration, RegisterTask).</summary>
public sealed class RegistrationStatusReader(TaskInversionQueue queue)
{
    /// <summary>The registration's status; NOT_FOUND when the id is unknown or its state expired.</summary>
    public async Task<RegistrationStatus> GetAsync(string registrationId, CancellationToken cancellationToken)
    {
        JobRecord record = await queue.Jobs.GetJobAsync(registrationId, cancellationToken).ConfigureAwait(false)
            ?? throw RequestErrors.NotFound($"No registration '{registrationId}': the id is unknown or its state expired (states are kept 24 hours; ListTasks shows every stored task).");
        var status = new RegistrationStatus
        {
            RegistrationId = record.JobId,
            Name = record.Label ?? string.Empty,
            State = record.State.ToApi(),
            QueuePosition = -1,
            Attempts = record.Attempts,
            Step = record.Step,
            TotalSteps = record.TotalSteps,
            CreatedAt = ((DateTimeOffset?)record.CreatedAt).ToTimestamp(),
            StartedAt = record.StartedAt.ToTimestamp(),
            FinishedAt = record.FinishedAt.ToTimestamp(),
        };
        // The inversion service reports the mean loss of the steps since its previous report as the progress detail.
        if (double.TryParse(record.ProgressDetail, NumberStyles.Float, CultureInfo.InvariantCulture, out double loss)) status.Loss = loss;
        if (record.State == QueueJobState.Queued
            && await queue.Jobs.GetQueuePositionAsync(record.JobId, cancellationToken).ConfigureAwait(false) is { } position)
        {
            status.QueuePosition = position;
        }
        if (record.State == QueueJobState.Succeeded
            && await queue.Jobs.GetResultAsync(record.JobId, cancellationToken).ConfigureAwait(false) is { } stored)
        {
            status.Task = TaskInversionJobResult.Parser.ParseFrom(stored).Task;
        }
        if (record.State == QueueJobState.Failed) status.Error = record.Error ?? "The registration failed.";
        return status;
    }
}
