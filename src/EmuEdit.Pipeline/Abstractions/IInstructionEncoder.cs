namespace EmuEdit.Pipeline.Abstractions;

/// <summary>
/// The text-encoder part: instructions to token context, mask and pooled vector (in process or the
/// text-encoder service). An empty instruction encodes the null text of the unconditional branches.
/// </summary>
public interface IInstructionEncoder
{
    Task<InstructionEncoding> EncodeAsync(IReadOnlyList<string> instructions, CancellationToken cancellationToken = default);
}
