namespace EmuEdit.Data.Imaging;

/// <summary>
/// Anti-aliased drawing primitives over an <see cref="RgbImage"/> (ImageSharp.Drawing is not available
/// here). Coverage comes from distances, which is cheap and smooth for the thin lines these need.
/// </summary>
public static class Canvas
{
    /// <summary>A line segment of the given width in pixels with round caps.</summary>
    public static void Line(RgbImage img, float x0, float y0, float x1, float y1, float width, Rgb color)
    {
        float half = width / 2f;
        int minX = (int)MathF.Floor(MathF.Min(x0, x1) - half - 1), maxX = (int)MathF.Ceiling(MathF.Max(x0, x1) + half + 1);
        int minY = (int)MathF.Floor(MathF.Min(y0, y1) - half - 1), maxY = (int)MathF.Ceiling(MathF.Max(y0, y1) + half + 1);
        for (int y = Math.Max(0, minY); y <= Math.Min(img.Height - 1, maxY); y++)
            for (int x = Math.Max(0, minX); x <= Math.Min(img.Width - 1, maxX); x++)
            {
                float d = SegmentDistance(x + 0.5f, y + 0.5f, x0, y0, x1, y1);
                img.Blend(x, y, color, Math.Clamp(half + 0.5f - d, 0f, 1f));
            }
    }

    public static float SegmentDistance(float px, float py, float ax, float ay, float bx, float by)
    {
        float dx = bx - ax, dy = by - ay;
        float len2 = dx * dx + dy * dy;
        float t = len2 <= 1e-12f ? 0f : Math.Clamp(((px - ax) * dx + (py - ay) * dy) / len2, 0f, 1f);
        float qx = ax + t * dx - px, qy = ay + t * dy - py;
        return MathF.Sqrt(qx * qx + qy * qy);
    }

    public static void Disc(RgbImage img, float cx, float cy, float radius, Rgb color)
    {
        for (int y = Math.Max(0, (int)(cy - radius - 1)); y <= Math.Min(img.Height - 1, (int)(cy + radius + 1)); y++)
            for (int x = Math.Max(0, (int)(cx - radius - 1)); x <= Math.Min(img.Width - 1, (int)(cx + radius + 1)); x++)
            {
                float d = MathF.Sqrt((x + 0.5f - cx) * (x + 0.5f - cx) + (y + 0.5f - cy) * (y + 0.5f - cy));
                img.Blend(x, y, color, Math.Clamp(radius + 0.5f - d, 0f, 1f));
            }
    }

    public static void FillRect(RgbImage img, int x0, int y0, int x1, int y1, Rgb color)
    {
        for (int y = Math.Max(0, y0); y <= Math.Min(img.Height - 1, y1); y++)
            for (int x = Math.Max(0, x0); x <= Math.Min(img.Width - 1, x1); x++)
                img[x, y] = color;
    }

    /// <summary>A rectangle outline <paramref name="thickness"/> pixels wide, drawn inside the inclusive bounds.</summary>
    public static void StrokeRect(RgbImage img, int x0, int y0, int x1, int y1, int thickness, Rgb color)
    {
        FillRect(img, x0, y0, x1, y0 + thickness - 1, color);
        FillRect(img, x0, y1 - thickness + 1, x1, y1, color);
        FillRect(img, x0, y0, x0 + thickness - 1, y1, color);
        FillRect(img, x1 - thickness + 1, y0, x1, y1, color);
    }

    /// <summary>Draws text with its top-left corner at (x, y); each font pixel becomes a <paramref name="scale"/>-pixel square.</summary>
    public static void Text(RgbImage img, string text, int x, int y, int scale, Rgb color)
    {
        for (int i = 0; i < text.Length; i++)
            for (int gy = 0; gy < BitmapFont.GlyphHeight; gy++)
                for (int gx = 0; gx < BitmapFont.GlyphWidth; gx++)
                    if (BitmapFont.Ink(text[i], gx, gy))
                    {
                        int px = x + (i * BitmapFont.Advance + gx) * scale, py = y + gy * scale;
                        FillRect(img, px, py, px + scale - 1, py + scale - 1, color);
                    }
    }
}
