using EmuEdit.Data.Imaging;
using EmuEdit.Evaluation.Benchmark;
using EmuEdit.Evaluation.Running;

namespace EmuEdit.Evaluation.Reporting;

/// <summary>
/// Draws benchmark edits as input | output | target with the instruction (and the task the model
/// conditioned on, when it differs from the true one) underneath, in the data library's bitmap font.
/// </summary>
public static class EditContactSheet
{
    private static readonly Rgb Paper = new(1, 1, 1), Ink = new(0.1f, 0.1f, 0.1f), Accent = new(0.7f, 0.1f, 0.4f),
        Good = new(0.1f, 0.5f, 0.2f), Bad = new(0.75f, 0.15f, 0.1f), Frame = new(0.6f, 0.6f, 0.6f);

    public static RgbImage Render(IReadOnlyList<ExampleOutcome> outcomes, ContactSheetOptions? options = null, string? title = null)
    {
        options ??= new ContactSheetOptions();
        if (outcomes.Count == 0) throw new ArgumentException("no examples to draw", nameof(outcomes));
        var first = outcomes[0].Example.Input;
        int w = first.Width * options.Scale, h = first.Height * options.Scale, gap = options.Gap;
        int panelW = 3 * w + 2 * gap;
        int lineH = (BitmapFont.GlyphHeight + 2) * options.FontScale;
        int maxChars = Math.Max(8, panelW / (BitmapFont.Advance * options.FontScale));
        var captions = outcomes.Select(o => Caption(o, maxChars, options.NameTask)).ToList();
        int textLines = Math.Max(2, captions.Max(c => c.Count));
        int cellW = panelW + 3 * gap, cellH = h + textLines * lineH + 3 * gap;
        int columns = Math.Min(options.Columns, outcomes.Count);
        int rows = (outcomes.Count + columns - 1) / columns;
        int titleH = title is null ? 0 : lineH + gap;
        var sheet = new RgbImage(columns * cellW + gap, titleH + rows * cellH + gap, Paper);
        if (title is not null) Canvas.Text(sheet, title, gap, gap, options.FontScale, Ink);
        for (var k = 0; k < outcomes.Count; k++)
        {
            var o = outcomes[k];
            int ox = gap + k % columns * cellW, oy = titleH + gap + k / columns * cellH;
            Blit(sheet, ImageConversion.ToRgb(o.Example.Input), ox, oy, options.Scale);
            Blit(sheet, ImageConversion.ToRgb(o.Outcome.Output), ox + w + gap, oy, options.Scale);
            Blit(sheet, ImageConversion.ToRgb(o.Example.Target), ox + 2 * (w + gap), oy, options.Scale);
            for (var l = 0; l < captions[k].Count; l++)
            {
                var colour = l == 0 ? (o.Result.Edit.Success ? Good : Bad) : l == 1 ? Accent : Ink;
                Canvas.Text(sheet, captions[k][l], ox, oy + h + gap + l * lineH, options.FontScale, colour);
            }
        }
        return sheet;
    }

    /// <summary>Line 1: (task,) verdict and distances; line 2: conditioned task if it differs; then the instruction.</summary>
    private static List<string> Caption(ExampleOutcome o, int maxChars, bool nameTask)
    {
        var e = o.Result.Edit;
        var verdict = $"{(e.Success ? "OK" : "FAIL")} IN {Fmt(e.TargetL1Inside)} OUT {Fmt(e.InputL1Outside)}";
        var lines = new List<string> { nameTask ? $"{o.Example.Task} {verdict}" : verdict };
        if (o.Outcome.ConditionedTask is { } t && t != o.Example.Task) lines.Add($"AS {t}");
        lines.AddRange(BitmapFont.Wrap(o.Example.Instruction, maxChars));
        return lines;
    }

    private static string Fmt(double? v) => v is { } x ? x.ToString("F3", System.Globalization.CultureInfo.InvariantCulture) : "-";

    private static void Blit(RgbImage dst, RgbImage src, int ox, int oy, int scale)
    {
        // A thin frame keeps white pictures visible on the white sheet.
        Canvas.StrokeRect(dst, ox - 1, oy - 1, ox + src.Width * scale, oy + src.Height * scale, 1, Frame);
        for (var y = 0; y < src.Height * scale; y++)
            for (var x = 0; x < src.Width * scale; x++)
                if (ox + x < dst.Width && oy + y < dst.Height) dst[ox + x, oy + y] = src[x / scale, y / scale];
    }
}
