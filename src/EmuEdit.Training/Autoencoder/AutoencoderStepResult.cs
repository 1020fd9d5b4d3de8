namespace EmuEdit.Training.Autoencoder;

/// <summary>One autoencoder step: the step number after it, total loss, its parts and the learning rate used.</summary>
public sealed record AutoencoderStepResult(long Step, double Loss, double Reconstruction, double Kl, double LearningRate);
