namespace EmuEdit.Data.Rendering;

/// <summary>
/// Strengths of effects. They are deliberately strong: a small model trained on 64-pixel images never
/// learns edits below its sampling noise (~0.03 mean L1), so a "blur" must really blur.
/// </summary>
public sealed record EffectOptions
{
    /// <summary>Gaussian sigma as a fraction of the image side (0.025 is 1.6 px at 64).</summary>
    public float BlurSigma { get; init; } = 0.025f;
    public float SharpenSigma { get; init; } = 0.02f;
    public float SharpenAmount { get; init; } = 2.5f;
    public float BrightenBy { get; init; } = 0.28f;
    public float DarkenFactor { get; init; } = 0.5f;
    public float MoreContrastFactor { get; init; } = 1.9f;
    public float LessContrastFactor { get; init; } = 0.4f;
    public float SaturateFactor { get; init; } = 2.2f;
    /// <summary>Pixel-art block side as a fraction of the image side (1/16: a 16x16 grid of blocks).</summary>
    public float PixelArtBlock { get; init; } = 1f / 16f;
    public int PosterizeLevels { get; init; } = 3;
    /// <summary>Box outline thickness (fraction of side) and colour for the detect task.</summary>
    public float BoxThickness { get; init; } = 1f / 32f;
    public float[] BoxColor { get; init; } = [1f, 0f, 1f];
    /// <summary>Overlay colour and opacity for the segment task.</summary>
    public float[] OverlayColor { get; init; } = [0f, 1f, 1f];
    public float OverlayOpacity { get; init; } = 0.75f;
    /// <summary>Snowflakes / raindrops per 64x64 pixels.</summary>
    public int ParticlesPer4096Pixels { get; init; } = 40;
}
