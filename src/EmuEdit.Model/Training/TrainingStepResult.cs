namespace EmuEdit.Model.Training;

/// <summary>What one optimiser step did: its number (1-based), the loss, the gradient norm before clipping and the learning rate used.</summary>
public readonly record struct TrainingStepResult(long Step, double Loss, double GradientNorm, double LearningRate);
