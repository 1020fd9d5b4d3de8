namespace EmuEdit.TaskPrediction;

/// <summary>One training or evaluation example: an instruction and the task it asks for.</summary>
public sealed record LabelledInstruction(string Instruction, string Task);
