using EmuEdit.Contracts.V1;
using Google.Protobuf;

namespace EmuEdit.Contracts.Tasks;

/// <summary>
/// Reads a task registry entry's metadata: the inversion service writes it as the protobuf JSON of a
/// <see cref="TaskInfo"/> (description, exampleInstructions, createdAt, exampleCount, metrics, registrationId, ...;
/// snake_case names are read too); name and version come from the registry itself. Fields it does not know are
/// ignored, and metadata that cannot be read gives an otherwise empty TaskInfo, since the task can still be used.
/// </summary>
public static class RegisteredTaskInfo
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    public static TaskInfo Parse(string name, string metadataJson, long version)
    {
        ArgumentNullException.ThrowIfNull(name);
        TaskInfo info;
        try
        {
            info = Parser.Parse<TaskInfo>(metadataJson);
        }
        catch (Exception error) when (error is InvalidProtocolBufferException or InvalidJsonException)
        {
            info = new TaskInfo();
        }
        info.Name = name;
        info.BuiltIn = false;
        info.Source = TaskSource.Inversion;
        info.Version = version;
        return info;
    }
}
