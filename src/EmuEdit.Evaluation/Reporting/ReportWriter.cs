using EmuEdit.Evaluation.Running;

namespace EmuEdit.Evaluation.Reporting;

/// <summary>
/// Writes FILE.json, FILE.md beside it, metrics.json in the same folder, and FILE.sheets/TASK.png: per task,
/// the first examples of the primary run as input | output | target; FILE.sheets/overview.png puts the
/// first two of every task on one sheet.
/// </summary>
public static class ReportWriter
{
    public const string OverviewSheet = "overview.png";
    private const int OverviewPerTask = 2;

    public static ReportFiles Write(string jsonPath, EvaluationReport report, EditorRun? sheetRun, ContactSheetOptions? sheetOptions = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var json = Path.GetFullPath(jsonPath);
        var folder = Path.GetDirectoryName(json)!;
        Directory.CreateDirectory(folder);
        var stem = Path.Combine(folder, Path.GetFileNameWithoutExtension(json));
        var markdown = stem + ".md";
        var metrics = Path.Combine(folder, ShippedMetrics.FileName);
        File.WriteAllText(json, report.ToJson());
        File.WriteAllText(markdown, MarkdownReport.Render(report));
        File.WriteAllText(metrics, ShippedMetrics.From(report).ToJson());

        var sheets = new List<string>();
        if (sheetRun is not null)
        {
            sheetOptions ??= new ContactSheetOptions();
            var sheetFolder = stem + ".sheets";
            Directory.CreateDirectory(sheetFolder);
            foreach (var group in sheetRun.Outcomes.GroupBy(o => o.Example.Task))
            {
                var path = Path.Combine(sheetFolder, group.Key + ".png");
                EditContactSheet.Render(group.Take(sheetOptions.PerTask).ToList(), sheetOptions, $"{group.Key}: input | output | target").SavePng(path);
                sheets.Add(path);
            }
            // Two examples a task, a task per row: the whole benchmark at a glance.
            var overview = sheetRun.Outcomes.GroupBy(o => o.Example.Task).SelectMany(g => g.Take(OverviewPerTask)).ToList();
            if (overview.Count > 0)
            {
                var path = Path.Combine(sheetFolder, OverviewSheet);
                EditContactSheet.Render(overview, sheetOptions with { Columns = OverviewPerTask, NameTask = true }, "every task: input | output | target").SavePng(path);
                sheets.Add(path);
            }
        }
        return new ReportFiles(json, markdown, metrics, sheets);
    }
}
