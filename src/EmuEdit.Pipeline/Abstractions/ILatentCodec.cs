using static TorchSharp.torch;

namespace EmuEdit.Pipeline.Abstractions;

/// <summary>
/// The autoencoder part (the vae-decoder service, which encodes too): images float32 [B, 3, H, W] in
/// [-1, 1] to scaled latents [B, C_z, H/f, W/f] and back (decoded images clamped to [-1, 1]).
/// Tensors are on the CPU; results belong to the caller.
/// </summary>
public interface ILatentCodec
{
    Task<Tensor> EncodeAsync(Tensor images, CancellationToken cancellationToken = default);

    Task<Tensor> DecodeAsync(Tensor latents, CancellationToken cancellationToken = default);

    /// <summary>C_z and f, so a caller can check a codec against the U-Net it feeds.</summary>
    Task<LatentGeometry> GetGeometryAsync(CancellationToken cancellationToken = default);
}

/// <summary>Latent channels C_z and the downsampling factor f.</summary>
public readonly record struct LatentGeometry(int LatentChannels, int DownsamplingFactor)
{
    /// <summary>
    /// The encoder's <see cref="EmuEdit.Model.Checkpoints.LatentSpaceDigest"/> when the codec knows it (one
    /// loaded from a model folder's autoencoder weights); null otherwise.
    /// </summary>
    public string? LatentSpace { get; init; }
}
