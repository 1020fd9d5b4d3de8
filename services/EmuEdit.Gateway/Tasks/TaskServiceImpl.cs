using EmuEdit.Contracts.V1;
using EmuEdit.Gateway.Validation;
using EmuEdit.Queue;
using Google.Protobuf;
using Grpc.Core;

namespace EmuEdit.Gateway.Tasks;

/// <summary>
/// Registering tasks by task inversion (protos/tasks.proto), for admin credentials: the request is checked
/// and resolved, the name claimed (one registration of a name at a time), and the job queued for the
/// inversion service; its progress and result are read back from the registration queue.
/// </summary>
public sealed class TaskServiceImpl(
    RegistrationRequestReader requests,
    RegistrationClaims claims,
    TaskInversionQueue queue,
    RegistrationStatusReader statuses,
    BuiltInTaskNames builtIn,
    TaskRegistryStore registry,
    RegistrationOptions options,
    ILogger<TaskServiceImpl> logger) : TaskService.TaskServiceBase
{
    public override async Task<RegisterTaskResponse> RegisterTask(RegisterTaskRequest request, ServerCallContext context)
    {
        CancellationToken cancellationToken = context.CancellationToken;
        TaskInversionJob job = requests.Read(request);
        await registry.ProtectBuiltInAsync(builtIn.Names, cancellationToken).ConfigureAwait(false);
        string registrationId = JobQueue.NewJobId();
        TaskClaim? holder;
        try
        {
            holder = await claims.TryClaimAsync(job.Name, registrationId, cancellationToken).ConfigureAwait(false);
        }
        catch (BuiltInTaskException)
        {
            throw RequestErrors.AlreadyExists($"'{job.Name}' is a built-in task; built-in tasks cannot be replaced. Choose another name.");
        }
        if (holder is not null)
            throw RequestErrors.AlreadyExists(
                $"Task '{job.Name}' is already being registered (registration {holder.RegistrationId}). Wait for it to finish (GetTaskRegistration); registering the name again then makes a new version.");

        try
        {
            // Not the call's token: once claimed, the job must be queued or the claim released, whatever the client does.
            await queue.Jobs.EnqueueAsync(registrationId, job.ToByteArray(), label: job.Name, CancellationToken.None).ConfigureAwait(false);
        }
        catch
        {
            await claims.ReleaseAsync(job.Name, registrationId).ConfigureAwait(false);
            throw;
        }
        logger.LogInformation("Registration {RegistrationId} of task {Task} queued: {Examples} examples, {HeldOut} held out, {Steps} steps",
            registrationId, job.Name, job.Examples.Count, job.HeldOutExamples.Count, job.Options.Steps);
        return new RegisterTaskResponse
        {
            RegistrationId = registrationId,
            Status = await statuses.GetAsync(registrationId, CancellationToken.None).ConfigureAwait(false),
        };
    }

    public override Task<RegistrationStatus> GetTaskRegistration(GetTaskRegistrationRequest request, ServerCallContext context) =>
        statuses.GetAsync(RequestErrors.RequireId(request.RegistrationId, "registration_id"), context.CancellationToken);

    public override async Task<DeleteTaskResponse> DeleteTask(DeleteTaskRequest request, ServerCallContext context)
    {
        string name = TaskNames.Canonical(request.Name, options.MaxNameLength);
        if (builtIn.Find(name) is { } taken)
            throw RequestErrors.FailedPrecondition($"'{taken}' is a built-in task; built-in tasks cannot be deleted.");
        long version = await registry.RemoveAsync(name, context.CancellationToken).ConfigureAwait(false)
            ?? throw RequestErrors.NotFound($"No learned task '{name}' (ListTasks shows the tasks there are).");
        logger.LogInformation("Task {Task} deleted; registry version {Version}", name, version);
        return new DeleteTaskResponse { RegistryVersion = version };
    }
}
