using EmuEdit.Model.Networks;
using static TorchSharp.torch;

namespace EmuEdit.Model.Diffusion;

/// <summary>
/// InstructPix2Pix-style dual classifier-free guidance:
/// out = p(0,0) + gI·(p(cI,0) - p(0,0)) + gT·(p(cI,cT) - p(cI,0)).
/// The paper writes it for eps; it is linear, so applying it to v gives the same guided eps and x0.
/// </summary>
public static class DualGuidance
{
    /// <summary>Combines the three branch predictions (same shapes) with the given scales.</summary>
    public static Tensor Combine(Tensor unconditional, Tensor imageOnly, Tensor full, GuidanceScales scales)
    {
        using var imageDelta = imageOnly - unconditional;
        using var textDelta = full - imageOnly;
        using var imageTerm = imageDelta.Times(scales.Image);
        using var textTerm = textDelta.Times(scales.Text);
        using var partial = unconditional + imageTerm;
        return partial + textTerm;
    }
}
