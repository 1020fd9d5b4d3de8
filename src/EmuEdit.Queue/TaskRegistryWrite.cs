namespace EmuEdit.Queue;

/// <summary>What a registration's write produced: the task's new version and the registry's.</summary>
public sealed record TaskRegistryWrite(long TaskVersion, long RegistryVersion);
