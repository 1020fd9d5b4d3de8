using EmuEdit.Data.Scenes;

namespace EmuEdit.Data.Rendering;

/// <summary>Surface patterns as functions of position (in units of the image side).</summary>
internal static class TextureShader
{
    /// <summary>Whether the pattern's second colour shows at (s, t).</summary>
    public static bool PatternOn(TextureKind kind, float s, float t, float period)
    {
        switch (kind)
        {
            case TextureKind.Stripes:
                return Frac((s + t) / period) < 0.5f;
            case TextureKind.Dots:
                {
                    float du = Frac(s / period) - 0.5f, dv = Frac(t / period) - 0.5f;
                    return du * du + dv * dv < 0.36f * 0.36f;
                }
            case TextureKind.Checker:
                return ((int)MathF.Floor(s / period) + (int)MathF.Floor(t / period)) % 2 == 0;
            case TextureKind.Grid:
                return Frac(s / period) < 0.3f || Frac(t / period) < 0.3f;
            default:
                return false;
        }
    }

    private static float Frac(float x) => x - MathF.Floor(x);
}
