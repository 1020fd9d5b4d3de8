using static TorchSharp.torch;

namespace EmuEdit.Model.Text;

/// <summary>A batch of encoded instructions: ids [B, L] int64 and mask [B, L] bool (true for real tokens).</summary>
public sealed record TokenBatch(Tensor Ids, Tensor Mask) : IDisposable
{
    public void Dispose()
    {
        Ids.Dispose();
        Mask.Dispose();
    }
}
