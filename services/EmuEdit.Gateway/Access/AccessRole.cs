namespace EmuEdit.Gateway.Access;

/// <summary>What a credential may do. An admin may also do everything a client may.</summary>
public enum AccessRole
{
    /// <summary>Editing: EditingService (edits, sessions, ListTasks).</summary>
    Client,

    /// <summary>Changing the tasks: TaskService (RegisterTask, GetTaskRegistration, DeleteTask).</summary>
    Admin,
}
