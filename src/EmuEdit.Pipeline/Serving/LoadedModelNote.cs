namespace EmuEdit.Pipeline.Serving;

/// <summary>What a model service loaded and from where, logged once the host's logging is up.</summary>
public sealed record LoadedModelNote(string Text)
{
    /// <summary>The note's tail when ONNX graphs were there but not used (<see cref="InferenceOptions.UsesOnnx"/>'s reason); empty otherwise.</summary>
    public static string Declined(string? reason) => reason is null ? "" : $"; the ONNX graphs beside it are not used: {reason}";
}
