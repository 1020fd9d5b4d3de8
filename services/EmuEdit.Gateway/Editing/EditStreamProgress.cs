using EmuEdit.Contracts.V1;
using Google.Protobuf;
using Grpc.Core;

namespace EmuEdit.Gateway.Editing;

/// <summary>
/// What one edit stream has told the client so far, so nothing is said twice and every run of the edit is
/// announced. A run is known by its attempt number and, once the job hash was read, by its claim time: a
/// worker that stops hands its jobs back with the attempt given back, so the run that follows has the same
/// attempt number and only the claim time tells it apart.
/// </summary>
internal sealed class EditStreamProgress(string editId, EditJob job, IServerStreamWriter<EditEvent> writer)
{
    private long? _position;
    private int _attempt;
    private DateTimeOffset? _startedAt;

    public bool HasStarted => _attempt > 0;

    public Task WriteAsync(EditEvent editEvent)
    {
        editEvent.EditId = editId;
        return writer.WriteAsync(editEvent);
    }

    public async Task QueuedAsync(long position)
    {
        if (_position == position) return;
        _position = position;
        await WriteAsync(new EditEvent { Queued = new EditEvent.Types.Queued { Position = position } }).ConfigureAwait(false);
    }

    /// <summary>
    /// Announces a run unless it was announced already. <paramref name="startedAt"/> is the claim time from the job
    /// hash; a Started event carries only the attempt, so the first hash read after it just learns the time.
    /// </summary>
    public async Task StartedAsync(int attempt, DateTimeOffset? startedAt = null)
    {
        if (attempt < _attempt) return;
        bool newRun;
        if (attempt > _attempt)
        {
            newRun = true;
            _startedAt = startedAt;
        }
        else
        {
            newRun = startedAt is { } at && _startedAt is { } seen && at != seen;
            _startedAt = startedAt ?? _startedAt;
        }
        if (!newRun) return;
        _attempt = attempt;
        _position = null;
        var started = new EditEvent.Types.Started { Attempt = attempt };
        if (job.Parameters is { HasTask: true })
        {
            // Named by the client; a predicted task is known only to the worker and comes with the result.
            started.Task = job.Parameters.Task;
            started.TaskProbability = 1;
        }
        await WriteAsync(new EditEvent { Started = started }).ConfigureAwait(false);
    }

    public Task ProgressAsync(int step, int totalSteps, byte[]? preview)
    {
        var progress = new EditEvent.Types.Progress { Step = step, TotalSteps = totalSteps };
        if (preview is { Length: > 0 })
        {
            progress.Preview = new Image { Data = ByteString.CopyFrom(preview), Format = PreviewFormat(preview) };
            // Images the server returns carry their size (editing.proto); the header says it without decoding.
            if (SixLabors.ImageSharp.Image.Identify(preview) is { } info) (progress.Preview.Width, progress.Preview.Height) = (info.Width, info.Height);
        }
        return WriteAsync(new EditEvent { Progress = progress });
    }

    private static ImageFormat PreviewFormat(byte[] data) =>
        data is [0x89, (byte)'P', (byte)'N', (byte)'G', ..] ? ImageFormat.Png : ImageFormat.Jpeg;
}
