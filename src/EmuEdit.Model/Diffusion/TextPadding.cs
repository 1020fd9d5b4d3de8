using static TorchSharp.torch;

namespace EmuEdit.Model.Diffusion;

/// <summary>
/// Pads token contexts and masks to a common length so rows with different instruction lengths (or a
/// null context of another length) can share one forward; padded tokens are masked out.
/// </summary>
internal static class TextPadding
{
    public static Tensor PadContext(Tensor context, long length)
    {
        var missing = length - context.shape[1];
        if (missing == 0) return context.alias();
        using var pad = zeros(new[] { context.shape[0], missing, context.shape[2] }, context.dtype, context.device);
        return cat(new[] { context, pad }, 1);
    }

    public static Tensor PadMask(Tensor mask, long length)
    {
        var missing = length - mask.shape[1];
        if (missing == 0) return mask.alias();
        using var pad = zeros(new[] { mask.shape[0], missing }, mask.dtype, mask.device);
        return cat(new[] { mask, pad }, 1);
    }
}
