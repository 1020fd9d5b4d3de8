namespace EmuEdit.Pipeline.Engine;

/// <summary>
/// A model service serves another model than the U-Net it feeds (other latent geometry or another encoder):
/// every edit would be wrong, so a worker that finds this takes no jobs.
/// </summary>
public sealed class ModelMismatchException(string message) : Exception(message);
