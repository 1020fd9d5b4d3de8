using EmuEdit.Data.Generation;
using EmuEdit.Data.Imaging;

namespace EmuEdit.Data.Preview;

/// <summary>A PNG-able overview: one row per example (input | target | mask), the task and instruction printed under it.</summary>
public static class ContactSheet
{
    private static readonly Rgb Paper = new(1, 1, 1), Ink = new(0.1f, 0.1f, 0.1f), Accent = new(0.7f, 0.1f, 0.4f);

    public static RgbImage Render(IReadOnlyList<EditExample> examples, int scale = 2, int fontScale = 2, int columns = 2)
    {
        if (examples.Count == 0) throw new ArgumentException("no examples to show", nameof(examples));
        int w = examples[0].Input.Width * scale, h = examples[0].Input.Height * scale;
        int gap = 6, panelW = 3 * w + 2 * gap;
        int lineH = (BitmapFont.GlyphHeight + 2) * fontScale;
        int maxChars = panelW / (BitmapFont.Advance * fontScale);
        var wrapped = examples.Select(e => BitmapFont.Wrap($"{e.Task}: {e.Instruction}", maxChars)).ToList();
        int textLines = Math.Max(2, wrapped.Max(l => l.Count));
        int cellW = panelW + 3 * gap, cellH = h + textLines * lineH + 3 * gap;
        int rows = (examples.Count + columns - 1) / columns;
        var sheet = new RgbImage(columns * cellW + gap, rows * cellH + gap, Paper);
        for (int k = 0; k < examples.Count; k++)
        {
            var e = examples[k];
            int ox = gap + (k % columns) * cellW, oy = gap + (k / columns) * cellH;
            Blit(sheet, e.Input, ox, oy, scale);
            Blit(sheet, e.Target, ox + w + gap, oy, scale);
            Blit(sheet, e.Mask.ToRgb(), ox + 2 * (w + gap), oy, scale);
            for (int l = 0; l < wrapped[k].Count; l++)
                Canvas.Text(sheet, wrapped[k][l], ox, oy + h + gap + l * lineH, fontScale, l == 0 ? Accent : Ink);
        }
        return sheet;
    }

    private static void Blit(RgbImage dst, RgbImage src, int ox, int oy, int scale)
    {
        // A thin frame, so all-white masks and white pictures stay visible on the white sheet.
        Canvas.StrokeRect(dst, ox - 1, oy - 1, ox + src.Width * scale, oy + src.Height * scale, 1, new Rgb(0.6f, 0.6f, 0.6f));
        for (int y = 0; y < src.Height * scale; y++)
            for (int x = 0; x < src.Width * scale; x++)
                if (ox + x < dst.Width && oy + y < dst.Height) dst[ox + x, oy + y] = src[x / scale, y / scale];
    }
}
