namespace EmuEdit.Queue;

/// <summary>
/// A task in the registry: its learned embedding (raw little-endian float32, as the model stores it)
/// and metadata JSON (description, built-in or inverted, example instructions, ...).
/// </summary>
public sealed record TaskRegistration(string Name, ReadOnlyMemory<byte> Embedding, string MetadataJson)
{
    /// <summary>How many times the name has been written: 1 for its first registration, one more for each later one.</summary>
    public long Version { get; init; }
}

public enum TaskRegistryChangeKind
{
    Put,
    Removed,
}

/// <summary>Published on the registry's channel after every change.</summary>
public sealed record TaskRegistryChange(string Name, TaskRegistryChangeKind Kind, long Version);
