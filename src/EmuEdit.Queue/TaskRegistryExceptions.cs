namespace EmuEdit.Queue;

/// <summary>
/// A registry write lost every one of its retries to concurrent writes of the same keys: nothing was written, and
/// trying again later is safe.
/// </summary>
public sealed class TaskRegistryContentionException(string name, int attempts)
    : InvalidOperationException($"The registry write for task '{name}' lost {attempts} races in a row to concurrent writes; nothing was written, try again.")
{
    public string Name { get; } = name;
}

/// <summary>The name belongs to a built-in task; the registry never stores a learned task under it.</summary>
public sealed class BuiltInTaskException(string name)
    : InvalidOperationException($"'{name}' is a built-in task; a learned task cannot take its name.")
{
    public string Name { get; } = name;
}

/// <summary>
/// A registration tried to store its task but no longer holds the name's claim (it was judged dead and
/// another registration took the name over), so its result is dropped rather than overwrite the newer one.
/// </summary>
public sealed class TaskClaimLostException(string name, string registrationId)
    : InvalidOperationException($"Registration {registrationId} no longer holds task '{name}'.")
{
    public string Name { get; } = name;

    public string RegistrationId { get; } = registrationId;
}
