using static TorchSharp.torch;

namespace EmuEdit.Model.Networks;

/// <summary>
/// Encoded instructions: per-token context [B, L, D], its mask [B, L] bool, and the masked-mean pooled vector
/// [B, D]. <see cref="Mask"/> is the mask tensor that was passed in (not a copy): disposing this disposes it.
/// </summary>
public sealed record TextEncoding(Tensor Context, Tensor Mask, Tensor Pooled) : IDisposable
{
    /// <summary>The encoding of a context: its pooled vector is the mean over real tokens (the count clamped at 1).</summary>
    public static TextEncoding Pooling(Tensor context, Tensor mask)
    {
        var weights = mask.unsqueeze(-1).to_type(context.dtype);
        var pooled = (context * weights).sum(1) / weights.sum(1).clamp_min(1);
        return new TextEncoding(context, mask, pooled);
    }

    public void Dispose()
    {
        Context.Dispose();
        Mask.Dispose();
        Pooled.Dispose();
    }
}
