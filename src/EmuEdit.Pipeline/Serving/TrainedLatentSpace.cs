namespace EmuEdit.Pipeline.Serving;

/// <summary>
/// The <see cref="EmuEdit.Model.Checkpoints.LatentSpaceDigest"/> of the autoencoder a host's U-Net was trained
/// with (from its model folder), or null when the folder holds no autoencoder weights: what the vae-decoder
/// it calls must report (<see cref="Engine.EditEngine.CheckCodecAsync"/>).
/// </summary>
public sealed record TrainedLatentSpace(string? Digest);
