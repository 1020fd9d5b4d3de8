namespace EmuEdit.Onnx.Runtime;

/// <summary>The model's contract violates what a service expects of it.</summary>
public sealed class OnnxContractException(string message) : InvalidOperationException(message);
