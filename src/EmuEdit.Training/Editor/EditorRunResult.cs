namespace EmuEdit.Training.Editor;

/// <summary>How an editor run ended: the step reached, whether it was stopped early, the last numbers.</summary>
public sealed record EditorRunResult(long Step, bool Stopped, double? LastLoss, double? LastValidationLoss, double? LastValidationLossEma);
