using EmuEdit.Contracts.Tasks;
using EmuEdit.Contracts.V1;
using EmuEdit.Queue;

namespace EmuEdit.Gateway.Tasks;

/// <summary>What ListTasks shows of a registry entry (<see cref="RegisteredTaskInfo"/> says how its metadata is read).</summary>
public static class RegisteredTaskMetadata
{
    public static TaskInfo ToTaskInfo(TaskRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        return RegisteredTaskInfo.Parse(registration.Name, registration.MetadataJson, registration.Version);
    }
}
