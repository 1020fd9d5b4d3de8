namespace EmuEdit.Tokenization;

/// <summary>
/// Turns one instruction into the fixed-length ids and mask a text encoder takes. The default model's
/// tokenizer is <see cref="InstructionTokenizer"/>; a user's own encoder (a CLIP text tower) plugs in
/// its own implementation.
/// </summary>
public interface IInstructionTokenizer
{
    /// <summary>L: every encoded instruction has exactly this many ids.</summary>
    int ContextLength { get; }

    /// <summary>Ids and mask (true for real tokens), each of length <see cref="ContextLength"/>.</summary>
    EncodedInstruction Encode(string instruction);
}
