namespace EmuEdit.Inference;

/// <summary>Instructions to context, mask and pooled vector on ONNX Runtime, whatever the text encoder's form.</summary>
public interface ITextEncoderGraph
{
    /// <summary>Encodes a batch of instructions (at least one).</summary>
    TextEncoderOutput Encode(IReadOnlyList<string> instructions);
}
