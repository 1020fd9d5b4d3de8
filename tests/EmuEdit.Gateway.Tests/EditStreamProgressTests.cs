using EmuEdit.Contracts.V1;
using EmuEdit.Gateway.Editing;
using Grpc.Core;

namespace EmuEdit.Gateway.Tests;

public sealed class EditStreamProgressTests
{
    private static readonly DateTimeOffset FirstClaim = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_run_is_announced_once_whether_its_event_or_the_job_hash_comes_first()
    {
        var writer = new RecordingWriter();
        var progress = new EditStreamProgress("e1", new EditJob(), writer);
        await progress.StartedAsync(1);                 // the Started event
        await progress.StartedAsync(1, FirstClaim);     // the hash read after it
        await progress.StartedAsync(1, FirstClaim);     // a later poll
        await progress.StartedAsync(1);                 // the event again, late
        Assert.Equal([1], writer.Started());
    }

    [Fact]
    public async Task A_run_after_a_hand_back_keeps_its_attempt_number_and_is_announced_again()
    {
        var writer = new RecordingWriter();
        var progress = new EditStreamProgress("e1", new EditJob(), writer);
        await progress.StartedAsync(1, FirstClaim);
        // The worker stopped and gave the attempt back; another worker claimed the job a second later.
        await progress.StartedAsync(1, FirstClaim.AddSeconds(1));
        await progress.StartedAsync(1, FirstClaim.AddSeconds(1));
        Assert.Equal([1, 1], writer.Started());
    }

    [Fact]
    public async Task A_retry_is_announced_and_a_late_event_of_an_earlier_run_is_not()
    {
        var writer = new RecordingWriter();
        var progress = new EditStreamProgress("e1", new EditJob(), writer);
        await progress.StartedAsync(1, FirstClaim);
        await progress.StartedAsync(2);
        await progress.StartedAsync(2, FirstClaim.AddSeconds(5));
        await progress.StartedAsync(1, FirstClaim);
        Assert.Equal([1, 2], writer.Started());
    }

    [Fact]
    public async Task A_preview_carries_its_format_and_size()
    {
        var writer = new RecordingWriter();
        var progress = new EditStreamProgress("e1", new EditJob(), writer);
        await progress.ProgressAsync(3, 20, Images.Jpeg(16, 8));
        EditEvent.Types.Progress sent = Assert.Single(writer.Events, e => e.Progress is not null).Progress;
        Assert.Equal((3, 20, ImageFormat.Jpeg, 16, 8), (sent.Step, sent.TotalSteps, sent.Preview.Format, sent.Preview.Width, sent.Preview.Height));
    }

    [Fact]
    public async Task A_named_task_is_announced_with_certainty_and_queue_positions_only_when_they_change()
    {
        var writer = new RecordingWriter();
        var progress = new EditStreamProgress("e1", new EditJob { Parameters = new EditParameters { Task = "color" } }, writer);
        await progress.QueuedAsync(3);
        await progress.QueuedAsync(3);
        await progress.QueuedAsync(2);
        await progress.StartedAsync(1, FirstClaim);
        Assert.Equal([3L, 2L], writer.Events.Where(e => e.Queued is not null).Select(e => e.Queued.Position));
        EditEvent started = Assert.Single(writer.Events, e => e.Started is not null);
        Assert.Equal(("color", 1f, "e1"), (started.Started.Task, started.Started.TaskProbability, started.EditId));
    }

    private sealed class RecordingWriter : IServerStreamWriter<EditEvent>
    {
        public List<EditEvent> Events { get; } = [];

        public WriteOptions? WriteOptions { get; set; }

        public Task WriteAsync(EditEvent message)
        {
            Events.Add(message);
            return Task.CompletedTask;
        }

        public int[] Started() => Events.Where(e => e.Started is not null).Select(e => e.Started.Attempt).ToArray();
    }
}
