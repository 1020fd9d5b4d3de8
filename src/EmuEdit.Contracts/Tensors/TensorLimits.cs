namespace EmuEdit.Contracts.Tensors;

/// <summary>
/// What a receiver accepts and how a sender splits. No configuration binds it: the services use the fixed
/// <see cref="Default"/> (512 MiB tensors, rank 8, 1 MiB chunks sent, 3 MiB chunks accepted), which stays
/// under gRPC's default 4 MiB message size.
/// </summary>
public sealed class TensorLimits
{
    public const string SectionName = "Tensors";

    /// <summary>Largest tensor a receiver assembles, in bytes.</summary>
    public long MaxTensorBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>Most dimensions a tensor may have.</summary>
    public int MaxRank { get; set; } = 8;

    /// <summary>Bytes a sender puts in one chunk, and the threshold above which it chunks at all.</summary>
    public int ChunkBytes { get; set; } = 1024 * 1024;

    /// <summary>Largest chunk a receiver accepts.</summary>
    public int MaxChunkBytes { get; set; } = 3 * 1024 * 1024;

    public static TensorLimits Default { get; } = new();
}
