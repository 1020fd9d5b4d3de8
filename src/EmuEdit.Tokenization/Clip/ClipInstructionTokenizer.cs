namespace EmuEdit.Tokenization;

/// <summary>
/// A CLIP text tower's input: start token, the instruction's CLIP BPE ids (cut to fit), end token, then
/// padding to <see cref="ContextLength"/>; the mask is true for start, text and end.
/// </summary>
public sealed class ClipInstructionTokenizer : IInstructionTokenizer
{
    private readonly ITextTokenizer _bpe;
    private readonly int _pad;

    public ClipInstructionTokenizer(ITextTokenizer bpe, int contextLength, int? padToken = null)
    {
        ArgumentNullException.ThrowIfNull(bpe);
        // Room for the start and end tokens.
        ArgumentOutOfRangeException.ThrowIfLessThan(contextLength, 2);
        _bpe = bpe;
        ContextLength = contextLength;
        // CLIP pads with its end token unless the export says otherwise.
        _pad = padToken ?? bpe.EndToken;
    }

    public int ContextLength { get; }

    public EncodedInstruction Encode(string instruction)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        var content = _bpe.Encode(instruction);
        var kept = Math.Min(content.Count, ContextLength - 2);
        var ids = new long[ContextLength];
        var mask = new bool[ContextLength];
        ids[0] = _bpe.StartToken;
        for (var i = 0; i < kept; i++) ids[i + 1] = content[i];
        ids[kept + 1] = _bpe.EndToken;
        for (var i = kept + 2; i < ContextLength; i++) ids[i] = _pad;
        for (var i = 0; i < kept + 2; i++) mask[i] = true;
        return new EncodedInstruction(ids, mask);
    }
}
