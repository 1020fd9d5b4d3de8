using EmuEdit.Contracts.V1;
using EmuEdit.Gateway.Access;
using EmuEdit.Gateway.Hosting;
using EmuEdit.Gateway.Sessions;
using EmuEdit.Gateway.Tasks;
using EmuEdit.Gateway.Validation;
using EmuEdit.Queue;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace EmuEdit.Gateway.Editing;

/// <summary>The public API (protos/editing.proto): each RPC hands its work to the class that owns it.</summary>
public sealed class EditingServiceImpl(
    EditJobFactory jobs,
    JobQueue queue,
    EditFollower follower,
    EditStatusReader statuses,
    SessionService sessions,
    TaskCatalog tasks,
    IOptions<GatewayOptions> options) : EditingService.EditingServiceBase
{
    public override async Task Edit(EditRequest request, IServerStreamWriter<EditEvent> responseStream, ServerCallContext context)
    {
        EditJob job = await jobs.FromRequestAsync(request, context.CancellationToken).ConfigureAwait(false);
        EnqueueResult queued = await queue.EnqueueAsync(job.ToByteArray(), cancellationToken: context.CancellationToken).ConfigureAwait(false);
        EditResult result = await follower.FollowAsync(queued.JobId, job, responseStream, context.CancellationToken).ConfigureAwait(false);
        await responseStream.WriteAsync(new EditEvent { EditId = queued.JobId, Result = result }).ConfigureAwait(false);
    }

    public override async Task<SubmitEditResponse> SubmitEdit(SubmitEditRequest request, ServerCallContext context)
    {
        string? idempotencyKey = string.IsNullOrEmpty(request.IdempotencyKey) ? null : request.IdempotencyKey;
        if (idempotencyKey?.Length > options.Value.MaxIdempotencyKeyLength)
            throw RequestErrors.InvalidArgument($"idempotency_key is {idempotencyKey.Length} characters; the limit is {options.Value.MaxIdempotencyKeyLength}.");
        EditJob job = await jobs.FromRequestAsync(request.Edit, context.CancellationToken).ConfigureAwait(false);
        // Keys are the caller's own: the same key from another API key is another edit.
        string? scopedKey = idempotencyKey is null ? null : CallerScope.Scoped(context, idempotencyKey);
        EnqueueResult queued = await queue.EnqueueAsync(job.ToByteArray(), scopedKey, cancellationToken: context.CancellationToken).ConfigureAwait(false);
        return new SubmitEditResponse
        {
            EditId = queued.JobId,
            Duplicate = queued.Duplicate,
            Status = await statuses.GetAsync(queued.JobId, context.CancellationToken).ConfigureAwait(false),
        };
    }

    public override Task<EditStatus> GetEdit(GetEditRequest request, ServerCallContext context) =>
        statuses.GetAsync(RequestErrors.RequireId(request.EditId, "edit_id"), context.CancellationToken);

    public override async Task<EditStatus> CancelEdit(CancelEditRequest request, ServerCallContext context)
    {
        string editId = RequestErrors.RequireId(request.EditId, "edit_id");
        JobRecord record = await queue.CancelAsync(editId, context.CancellationToken).ConfigureAwait(false)
            ?? throw EditStatusReader.NotFound(editId);
        return await statuses.ToStatusAsync(record, context.CancellationToken).ConfigureAwait(false);
    }

    public override Task<Session> CreateSession(CreateSessionRequest request, ServerCallContext context) =>
        sessions.CreateAsync(request, context.CancellationToken);

    public override async Task EditInSession(EditInSessionRequest request, IServerStreamWriter<EditEvent> responseStream, ServerCallContext context)
    {
        (string editId, EditJob job) = await sessions.StartTurnAsync(request, context.CancellationToken).ConfigureAwait(false);
        EditResult result = await follower.FollowAsync(editId, job, responseStream, context.CancellationToken).ConfigureAwait(false);
        // Settled before the result goes out, so a client that reads the session next sees the new image.
        await sessions.ReadSettledAsync(request.SessionId, includeImages: false, context.CancellationToken).ConfigureAwait(false);
        await responseStream.WriteAsync(new EditEvent { EditId = editId, Result = result }).ConfigureAwait(false);
    }

    public override Task<Session> GetSession(GetSessionRequest request, ServerCallContext context) =>
        sessions.GetAsync(request.SessionId, request.IncludeImages, context.CancellationToken);

    public override Task<ListTasksResponse> ListTasks(ListTasksRequest request, ServerCallContext context) =>
        tasks.ListAsync(context.CancellationToken);
}
