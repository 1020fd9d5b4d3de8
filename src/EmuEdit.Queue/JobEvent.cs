using System.Text.Json;
using System.Text.Json.Serialization;

namespace EmuEdit.Queue;

public enum JobEventKind
{
    Queued,
    Started,
    Progress,
    RetryScheduled,
    Succeeded,
    Failed,
    CancelRequested,
    Cancelled,
}

/// <summary>
/// One message on a job's event channel. Pub/sub delivers only to current subscribers, so a reader
/// subscribes first and then reads the job's state, or it can miss the transition it waits for.
/// </summary>
public sealed record JobEvent(
    string JobId,
    JobEventKind Kind,
    long TimestampMs,
    int Attempt = 0,
    int Step = 0,
    int TotalSteps = 0,
    byte[]? Preview = null,
    string? Message = null)
{
    public byte[] Serialize() => JsonSerializer.SerializeToUtf8Bytes(this, JobEventJson.Default.JobEvent);

    public static JobEvent Deserialize(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize(json, JobEventJson.Default.JobEvent)
        ?? throw new InvalidDataException("A job event message was empty.");
}

[JsonSourceGenerationOptions(UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault)]
[JsonSerializable(typeof(JobEvent))]
internal sealed partial class JobEventJson : JsonSerializerContext;
