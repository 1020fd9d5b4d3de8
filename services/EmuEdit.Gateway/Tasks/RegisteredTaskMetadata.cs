using EmuEdit.Contracts.V1;
using EmuEdit.Queue;
using Google.Protobuf;

namespace EmuEdit.Gateway.Tasks;

/// <summary>
/// What ListTasks shows of a registry entry. The inversion service writes the metadata as the protobuf
/// JSON of a <see cref="TaskInfo"/> (description, exampleInstructions, createdAt, exampleCount, metrics,
/// registrationId, ...; snake_case names are read too); the version comes from the registry itself.
/// Fields it does not know are ignored, and an entry whose metadata cannot be read still lists its name,
/// since the task can still be used.
/// </summary>
public static class RegisteredTaskMetadata
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    public static TaskInfo ToTaskInfo(TaskRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        TaskInfo info;
        try
        {
            info = Parser.Parse<TaskInfo>(registration.MetadataJson);
        }
        catch (InvalidProtocolBufferException)
        {
            info = new TaskInfo();
        }
        catch (InvalidJsonException)
        {
            info = new TaskInfo();
        }
        info.Name = registration.Name;
        info.BuiltIn = false;
        info.Source = TaskSource.Inversion;
        info.Version = registration.Version;
        return info;
    }
}
