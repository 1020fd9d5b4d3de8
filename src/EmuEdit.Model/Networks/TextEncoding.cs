using static TorchSharp.torch;

namespace EmuEdit.Model.Networks;

/// <summary>
/// Encoded instructions: per-token context [B, L, D], its mask [B, L] bool, and the masked-mean pooled vector
/// [B, D]. <see cref="Mask"/> is the mask tensor that was passed in (not a copy): disposing this disposes it.
/// </summary>
public sealed record TextEncoding(Tensor Context, Tensor Mask, Tensor Pooled) : IDisposable
{
    public void Dispose()
    {
        Context.Dispose();
        Mask.Dispose();
        Pooled.Dispose();
    }
}
