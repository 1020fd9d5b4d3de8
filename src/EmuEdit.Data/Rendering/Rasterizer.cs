using EmuEdit.Data.Imaging;
using EmuEdit.Data.Scenes;

namespace EmuEdit.Data.Rendering;

/// <summary>
/// Supersampled painting shared by the picture and every modality: a shader gives the colour at a
/// sample, the rasterizer averages the samples inside the shape and blends by coverage.
/// </summary>
internal static class Rasterizer
{
    /// <summary>Extent of shapes in local units, with margin for a person's limbs.</summary>
    private const float Extent = 1.12f;

    public delegate Rgb ObjectShader(SceneObject o, ShapeGeometry.Part part, float u, float v);

    public delegate Rgb PointShader(float px, float py);

    public static void PaintBackground(RgbImage img, int ss, PointShader shader)
    {
        float inv = 1f / ss;
        for (int y = 0; y < img.Height; y++)
            for (int x = 0; x < img.Width; x++)
            {
                float r = 0, g = 0, b = 0;
                for (int sy = 0; sy < ss; sy++)
                    for (int sx = 0; sx < ss; sx++)
                    {
                        Rgb c = shader(x + (sx + 0.5f) * inv, y + (sy + 0.5f) * inv);
                        r += c.R; g += c.G; b += c.B;
                    }
                float n = ss * ss;
                img[x, y] = new Rgb(r / n, g / n, b / n);
            }
    }

    /// <summary>Coverage of an object's footprint, optionally shifted (for its shadow), written into <paramref name="dst"/>.</summary>
    public static void Coverage(Geometry g, SceneObject o, int ss, float offX, float offY, float[] dst)
    {
        var (x0, y0, x1, y1) = g.Bounds(o, Extent, offX, offY);
        float inv = 1f / ss, n = ss * ss;
        for (int y = y0; y <= y1; y++)
            for (int x = x0; x <= x1; x++)
            {
                int inside = 0;
                for (int sy = 0; sy < ss; sy++)
                {
                    float v = g.V(o, y + (sy + 0.5f) * inv - offY);
                    for (int sx = 0; sx < ss; sx++)
                        if (ShapeGeometry.Inside(o.Kind, g.U(o, x + (sx + 0.5f) * inv - offX), v, o.Pose)) inside++;
                }
                dst[y * g.W + x] = inside / n;
            }
    }

    public static void PaintObject(RgbImage img, Geometry g, SceneObject o, int ss, ObjectShader shader)
    {
        var (x0, y0, x1, y1) = g.Bounds(o, Extent);
        float inv = 1f / ss, n = ss * ss;
        for (int y = y0; y <= y1; y++)
            for (int x = x0; x <= x1; x++)
            {
                int inside = 0;
                float r = 0, gg = 0, b = 0;
                for (int sy = 0; sy < ss; sy++)
                {
                    float v = g.V(o, y + (sy + 0.5f) * inv);
                    for (int sx = 0; sx < ss; sx++)
                    {
                        float u = g.U(o, x + (sx + 0.5f) * inv);
                        var part = ShapeGeometry.PartAt(o.Kind, u, v, o.Pose);
                        if (part == ShapeGeometry.Part.Outside) continue;
                        Rgb c = shader(o, part, u, v);
                        r += c.R; gg += c.G; b += c.B;
                        inside++;
                    }
                }
                if (inside == 0) continue;
                img.Blend(x, y, new Rgb(r / inside, gg / inside, b / inside), inside / n);
            }
    }

    /// <summary>Coverage of a text's glyph pixels, written into <paramref name="dst"/>.</summary>
    public static void TextCoverage(Geometry g, SceneText t, int ss, float[] dst)
    {
        float cell = g.Cell(t);
        float left = t.X * g.W, top = t.Y * g.H;
        int x0 = Math.Max(0, (int)left - 1), y0 = Math.Max(0, (int)top - 1);
        int x1 = Math.Min(g.W - 1, (int)(left + BitmapFont.MeasureWidth(t.Text) * cell) + 1);
        int y1 = Math.Min(g.H - 1, (int)(top + BitmapFont.GlyphHeight * cell) + 1);
        float inv = 1f / ss, n = ss * ss;
        for (int y = y0; y <= y1; y++)
            for (int x = x0; x <= x1; x++)
            {
                int inside = 0;
                for (int sy = 0; sy < ss; sy++)
                {
                    int gy = (int)MathF.Floor((y + (sy + 0.5f) * inv - top) / cell);
                    if (gy < 0 || gy >= BitmapFont.GlyphHeight) continue;
                    for (int sx = 0; sx < ss; sx++)
                    {
                        int col = (int)MathF.Floor((x + (sx + 0.5f) * inv - left) / cell);
                        if (col < 0) continue;
                        int ch = col / BitmapFont.Advance, gx = col % BitmapFont.Advance;
                        if (ch < t.Text.Length && gx < BitmapFont.GlyphWidth && BitmapFont.Ink(t.Text[ch], gx, gy)) inside++;
                    }
                }
                dst[y * g.W + x] = inside / n;
            }
    }
}
