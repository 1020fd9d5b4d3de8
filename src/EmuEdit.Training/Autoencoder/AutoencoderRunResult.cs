namespace EmuEdit.Training.Autoencoder;

/// <summary>How an autoencoder run ended: the step reached, whether it was stopped early, the last numbers.</summary>
public sealed record AutoencoderRunResult(long Step, bool Stopped, double? LastLoss, double? LastPsnr, double LatentScale);
