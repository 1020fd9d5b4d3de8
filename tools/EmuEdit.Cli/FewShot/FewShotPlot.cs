using System.Globalization;
using EmuEdit.Data.Imaging;

namespace EmuEdit.Cli.FewShot;

/// <summary>
/// The few-shot figure as a PNG: one panel per task, success rate (0..1) over the example count (log scale),
/// one line per method, drawn with the data library's canvas and bitmap font (no plotting package here).
/// </summary>
public static class FewShotPlot
{
    private const int PanelWidth = 300;
    private const int PanelHeight = 240;
    private const int Margin = 36;
    private const int TextScale = 1;
    private const float LineWidth = 2f;
    private const float PointRadius = 3.5f;

    private static readonly Rgb Background = new(1, 1, 1);
    private static readonly Rgb Ink = new(0.15f, 0.15f, 0.15f);
    private static readonly Rgb Grid = new(0.88f, 0.88f, 0.88f);

    /// <summary>Method colours: blue, orange, green, as the paper's figure.</summary>
    private static readonly Dictionary<string, Rgb> Colours = new()
    {
        [FewShotMethods.ZeroShot] = new Rgb(0.12f, 0.47f, 0.71f),
        [FewShotMethods.FineTune] = new Rgb(1.0f, 0.5f, 0.05f),
        [FewShotMethods.Inversion] = new Rgb(0.17f, 0.63f, 0.17f),
    };

    public static RgbImage Render(FewShotReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var tasks = report.Results.Select(r => r.Task).Distinct().ToList();
        var counts = report.Results.Select(r => r.Examples).Distinct().Order().ToList();
        var image = new RgbImage(Math.Max(1, tasks.Count) * PanelWidth, PanelHeight + Margin, Background);
        for (var t = 0; t < tasks.Count; t++) DrawPanel(image, t * PanelWidth, tasks[t], counts, report.Results.Where(r => r.Task == tasks[t]).ToList());
        DrawLegend(image, report.Settings.Methods);
        return image;
    }

    private static void DrawPanel(RgbImage image, int left, string task, IReadOnlyList<int> counts, IReadOnlyList<FewShotResult> results)
    {
        int x0 = left + Margin, x1 = left + PanelWidth - Margin / 2, y0 = Margin, y1 = PanelHeight - Margin / 2;
        Canvas.Text(image, task.ToUpperInvariant(), x0, Margin / 3, TextScale + 1, Ink);
        for (var tick = 0; tick <= 4; tick++)
        {
            var y = Y(tick / 4.0, y0, y1);
            Canvas.Line(image, x0, y, x1, y, 1, Grid);
            Canvas.Text(image, (tick * 25).ToString(CultureInfo.InvariantCulture), left + 4, (int)y - 3, TextScale, Ink);
        }
        Canvas.StrokeRect(image, x0, y0, x1, y1, 1, Ink);
        foreach (var count in counts)
        {
            var x = X(count, counts, x0, x1);
            Canvas.Text(image, count.ToString(CultureInfo.InvariantCulture), (int)x - 3, y1 + 4, TextScale, Ink);
        }
        foreach (var (method, colour) in Colours)
        {
            var points = results.Where(r => r.Method == method).OrderBy(r => r.Examples).Select(r => (X(r.Examples, counts, x0, x1), Y(r.SuccessRate, y0, y1))).ToList();
            for (var i = 1; i < points.Count; i++) Canvas.Line(image, points[i - 1].Item1, points[i - 1].Item2, points[i].Item1, points[i].Item2, LineWidth, colour);
            foreach (var (x, y) in points) Canvas.Disc(image, x, y, PointRadius, colour);
        }
    }

    private static void DrawLegend(RgbImage image, IReadOnlyList<string> methods)
    {
        var x = Margin;
        var y = PanelHeight + Margin / 3;
        foreach (var method in methods)
        {
            Canvas.Disc(image, x, y + 3, PointRadius, Colours[method]);
            Canvas.Text(image, method.ToUpperInvariant(), x + 8, y, TextScale, Ink);
            x += 8 + BitmapFont.MeasureWidth(method) * TextScale + 24;
        }
        Canvas.Text(image, "SUCCESS % OVER EXAMPLES (LOG)", x + 16, y, TextScale, Ink);
    }

    /// <summary>Counts on a log scale; a single count sits in the middle.</summary>
    private static float X(int count, IReadOnlyList<int> counts, float x0, float x1)
    {
        double lo = Math.Log(counts[0]), hi = Math.Log(counts[^1]);
        var t = hi > lo ? (Math.Log(count) - lo) / (hi - lo) : 0.5;
        return (float)(x0 + 8 + t * (x1 - x0 - 16));
    }

    private static float Y(double rate, float y0, float y1) => (float)(y1 - rate * (y1 - y0));
}
