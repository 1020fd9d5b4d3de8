using EmuEdit.Contracts.V1;
using EmuEdit.Gateway.Editing;
using EmuEdit.Gateway.Validation;
using EmuEdit.Queue;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace EmuEdit.Gateway.Sessions;

/// <summary>
/// Multi-turn editing: a session's turns run one at a time, each on the image the previous
/// successful turn produced. A turn's outcome is applied ("settled") by whichever call first sees
/// its edit finished — the streaming call, or any later read — so the session is right even when the
/// client that started the turn went away.
/// </summary>
public sealed class SessionService(
    SessionStore store, JobQueue queue, EditJobFactory jobs, ImageIntake images, BlankCanvas blanks, EditStatusReader statuses)
{
    public async Task<Session> CreateAsync(CreateSessionRequest request, CancellationToken cancellationToken)
    {
        AcceptedImage start = request.StartCase switch
        {
            CreateSessionRequest.StartOneofCase.Image => images.Accept(request.Image, "image"),
            CreateSessionRequest.StartOneofCase.Blank => blanks.Create(request.Blank),
            _ => throw RequestErrors.InvalidArgument("Set either image or blank to start a session."),
        };
        string sessionId = await store.CreateAsync(start).ConfigureAwait(false);
        return await GetAsync(sessionId, includeImages: false, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Session> GetAsync(string sessionId, bool includeImages, CancellationToken cancellationToken)
    {
        SessionSnapshot snapshot = await ReadSettledAsync(sessionId, includeImages, cancellationToken).ConfigureAwait(false);
        return await ToMessageAsync(snapshot, includeImages, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Queues the session's next turn; FAILED_PRECONDITION while the previous one still runs.</summary>
    public async Task<(string EditId, EditJob Job)> StartTurnAsync(EditInSessionRequest request, CancellationToken cancellationToken)
    {
        RequestErrors.RequireId(request.SessionId, "session_id");
        EditJob settings = await jobs.ResolveTurnAsync(request, cancellationToken).ConfigureAwait(false);
        SessionSnapshot session = await ReadSettledAsync(request.SessionId, includeImages: false, cancellationToken).ConfigureAwait(false);
        if (session.HasTurnInProgress) throw TurnInProgress(session);

        int turn = session.Turns.Count + 1;
        EditJob job = EditJobFactory.ForSessionTurn(settings, session.CurrentImage, turn);
        // The result lives as long as the session: a turn nobody settles within Queue:ResultTtl (its client went away,
        // a gateway restarted) is still applied by the next read instead of being lost.
        EnqueueResult queued = await queue.EnqueueAsync(job.ToByteArray(), resultTtl: store.Ttl, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!await store.TryBeginTurnAsync(session, turn, job.Instruction, queued.JobId).ConfigureAwait(false))
        {
            // Another call started a turn between our read and our write: this one must not run.
            await queue.CancelAsync(queued.JobId, CancellationToken.None).ConfigureAwait(false);
            throw RequestErrors.FailedPrecondition($"Session '{session.SessionId}' started another turn at the same time; turns run one at a time. Retry when it has finished.");
        }
        return (queued.JobId, job);
    }

    /// <summary>Applies the outcome of every finished, unsettled turn, then returns the session.</summary>
    public async Task<SessionSnapshot> ReadSettledAsync(string sessionId, bool includeImages, CancellationToken cancellationToken)
    {
        RequestErrors.RequireId(sessionId, "session_id");
        while (true)
        {
            SessionSnapshot session = await store.ReadAsync(sessionId, includeImages).ConfigureAwait(false)
                ?? throw RequestErrors.NotFound($"No session '{sessionId}': the id is unknown or the session expired.");
            if (!session.HasTurnInProgress) return session;

            SessionTurnRecord next = session.Turns[session.Settled];
            JobRecord? edit = await queue.GetJobAsync(next.EditId, cancellationToken).ConfigureAwait(false);
            if (edit is not null && !edit.State.IsTerminal()) return session;

            AcceptedImage? result = null;
            EditResult? resultInfo = null;
            if (edit?.State == Queue.JobState.Succeeded
                && await queue.GetResultAsync(next.EditId, cancellationToken).ConfigureAwait(false) is { } stored)
            {
                resultInfo = EditResults.Parse(stored);
                result = ImageIntake.ToPng(resultInfo.Image.Data.ToByteArray());
            }
            // Lost races are fine: whoever won applied the same outcome; read again either way.
            await store.TrySettleTurnAsync(sessionId, next.Index, result, resultInfo).ConfigureAwait(false);
        }
    }

    private async Task<Session> ToMessageAsync(SessionSnapshot snapshot, bool includeImages, CancellationToken cancellationToken)
    {
        var session = new Session
        {
            SessionId = snapshot.SessionId,
            CurrentImage = PngImage(snapshot.CurrentImage),
            CreatedAt = Timestamp.FromDateTimeOffset(snapshot.CreatedAt),
        };
        foreach (SessionTurnRecord turn in snapshot.Turns)
        {
            EditStatus status;
            try
            {
                // A settled turn's result is the session's own: the queue's stored result (with its image) is not read.
                status = await statuses.GetAsync(turn.EditId, cancellationToken, withResult: turn.Result is null).ConfigureAwait(false);
            }
            catch (Grpc.Core.RpcException e) when (e.StatusCode == Grpc.Core.StatusCode.NotFound)
            {
                // The edit's state expired before the session did: the turn is still part of the history, and a
                // turn the session kept a result of succeeded.
                status = new EditStatus { EditId = turn.EditId, SessionId = snapshot.SessionId, QueuePosition = -1 };
                if (turn.Result is not null) status.State = EmuEdit.Contracts.V1.JobState.Succeeded;
            }
            if (turn.Result is not null) status.Result = turn.Result.Clone();
            // The session keeps turn images longer than the queue keeps results; without include_images, no image at all.
            if (includeImages && turn.ResultPng is { } png)
            {
                status.Result ??= new EditResult();
                status.Result.Image = PngImage(ImageIntake.ToPng(png));
            }
            else if (status.Result is not null)
            {
                status.Result.Image = null;
            }
            session.Turns.Add(new SessionTurn { Index = turn.Index, Instruction = turn.Instruction, Edit = status });
        }
        return session;
    }

    private static Image PngImage(AcceptedImage image) => new()
    {
        Data = ByteString.CopyFrom(image.Png),
        Format = ImageFormat.Png,
        Width = image.Width,
        Height = image.Height,
    };

    private static Grpc.Core.RpcException TurnInProgress(SessionSnapshot session) =>
        RequestErrors.FailedPrecondition(
            $"Session '{session.SessionId}' is still running turn {session.Settled + 1} (edit {session.Turns[session.Settled].EditId}); turns run one at a time.");
}
