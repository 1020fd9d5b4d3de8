namespace EmuEdit.Onnx.Runtime;

/// <summary>
/// The inputs given to <see cref="OnnxModelSession.Run"/> do not match what the model declares. The
/// message says what was expected and what came; nothing was run.
/// </summary>
public sealed class OnnxInputException(string message, string? inputName = null) : ArgumentException(message)
{
    /// <summary>The offending input, when the problem concerns one.</summary>
    public string? InputName { get; } = inputName;
}
