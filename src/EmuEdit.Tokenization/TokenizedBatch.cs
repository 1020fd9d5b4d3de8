namespace EmuEdit.Tokenization;

/// <summary>
/// Instructions encoded side by side: row-major ids [<see cref="Count"/>, <see cref="Length"/>] and the
/// mask of real tokens with the same layout, as an ONNX text encoder or a tensor constructor takes them.
/// </summary>
public sealed record TokenizedBatch(long[] Ids, bool[] Mask, int Count, int Length)
{
    /// <summary>Encodes each instruction with <paramref name="tokenizer"/> into one batch.</summary>
    public static TokenizedBatch Encode(IInstructionTokenizer tokenizer, IReadOnlyList<string> instructions)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(instructions);
        var length = tokenizer.ContextLength;
        var ids = new long[instructions.Count * length];
        var mask = new bool[instructions.Count * length];
        for (var b = 0; b < instructions.Count; b++)
        {
            var one = tokenizer.Encode(instructions[b]);
            if (one.Ids.Length != length || one.Mask.Length != length)
                throw new InvalidOperationException(
                    $"The tokenizer returned {one.Ids.Length} ids and {one.Mask.Length} mask entries for instruction {b}; its context length is {length}.");
            one.Ids.CopyTo(ids, b * length);
            one.Mask.CopyTo(mask, b * length);
        }
        return new TokenizedBatch(ids, mask, instructions.Count, length);
    }
}
