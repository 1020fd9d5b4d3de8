namespace EmuEdit.Data.Imaging;

/// <summary>A linear-free (display-space) RGB colour with channels in [0, 1].</summary>
public readonly record struct Rgb(float R, float G, float B)
{
    public static Rgb Lerp(Rgb a, Rgb b, float t) =>
        new(a.R + (b.R - a.R) * t, a.G + (b.G - a.G) * t, a.B + (b.B - a.B) * t);

    public Rgb Scale(float s) => new(R * s, G * s, B * s);

    public Rgb Clamp() => new(Math.Clamp(R, 0f, 1f), Math.Clamp(G, 0f, 1f), Math.Clamp(B, 0f, 1f));

    public float Luma => 0.299f * R + 0.587f * G + 0.114f * B;

    public static float Distance(Rgb a, Rgb b) =>
        MathF.Sqrt((a.R - b.R) * (a.R - b.R) + (a.G - b.G) * (a.G - b.G) + (a.B - b.B) * (a.B - b.B));
}
