using static TorchSharp.torch;

namespace EmuEdit.Pipeline.Abstractions;

/// <summary>
/// Encoded instructions on the CPU: <see cref="Context"/> float32 [B, L, D], <see cref="Mask"/> bool [B, L]
/// (true for real tokens) and <see cref="Pooled"/> float32 [B, D]. The caller owns the tensors.
/// </summary>
public sealed record InstructionEncoding(Tensor Context, Tensor Mask, Tensor Pooled) : IDisposable
{
    /// <summary>Rows <paramref name="start"/>..start+count as new tensors (owned by the caller).</summary>
    public InstructionEncoding Slice(long start, long count) => new(
        Context.narrow(0, start, count).clone(), Mask.narrow(0, start, count).clone(), Pooled.narrow(0, start, count).clone());

    public void Dispose()
    {
        Context.Dispose();
        Mask.Dispose();
        Pooled.Dispose();
    }
}
