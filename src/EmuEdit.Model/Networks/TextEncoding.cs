using static TorchSharp.torch;

namespace EmuEdit.Model.Networks;

/// <summary>Encoded instructions: per-token context [B, L, D], its mask [B, L] bool, and the masked-mean pooled vector [B, D].</summary>
public sealed record TextEncoding(Tensor Context, Tensor Mask, Tensor Pooled) : IDisposable
{
    public void Dispose()
    {
        Context.Dispose();
        Mask.Dispose();
        Pooled.Dispose();
    }
}
