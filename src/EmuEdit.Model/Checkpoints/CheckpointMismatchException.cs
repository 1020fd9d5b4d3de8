namespace EmuEdit.Model.Checkpoints;

/// <summary>A checkpoint whose tensors do not fit the model built from its config: the message names the first offending key.</summary>
public sealed class CheckpointMismatchException : Exception
{
    public CheckpointMismatchException(string message) : base(message) { }
}
