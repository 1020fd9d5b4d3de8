namespace EmuEdit.Data.Generation;

/// <summary>
/// Mask refinement (paper §3.2: dilation and Gaussian blurring): the changed region is dilated so the
/// edit covers anti-aliased edges and shadows, then feathered so the edit blends into the input.
/// </summary>
public sealed record MaskOptions
{
    /// <summary>Hard dilation radius as a fraction of the image side (1/32: 2 px at 64).</summary>
    public float DilateFraction { get; init; } = 1f / 32f;
    /// <summary>Width of the soft border beyond the hard mask, as a fraction of the side.</summary>
    public float FeatherFraction { get; init; } = 1f / 32f;
}
