using System.Globalization;
using System.Text;

namespace EmuEdit.Cli.FewShot;

/// <summary>The few-shot table: per task and example count, each method's held-out success rate (and L1 to the target).</summary>
public static class FewShotMarkdown
{
    public static string Render(FewShotReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var s = report.Settings;
        var md = new StringBuilder();
        md.AppendLine("# Few-shot learning of unseen tasks (paper §5.3, Fig. 6)");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Model `{report.Model}`, {report.Created:yyyy-MM-dd}. Command: `{report.Command}`.");
        md.AppendLine(CultureInfo.InvariantCulture,
            $"Held-out: {s.HeldOut} benchmark examples per task. Inversion: {s.InversionSteps} steps at {s.InversionLearningRate}; fine-tuning every weight: {s.FineTuneSteps} steps at {s.FineTuneLearningRate}; batch {s.BatchSize}; seed {s.Seed}.");
        md.AppendLine("Cells: success rate (mean L1 to the target). Zero-shot learns nothing, so its cell is the same for every count.");
        var methods = s.Methods;
        foreach (var task in report.Results.Select(r => r.Task).Distinct())
        {
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"## {task}");
            md.AppendLine();
            md.AppendLine("| examples | " + string.Join(" | ", methods) + " |");
            md.AppendLine("|---:|" + string.Concat(methods.Select(_ => "---:|")));
            foreach (var count in report.Results.Where(r => r.Task == task).Select(r => r.Examples).Distinct().Order())
            {
                var cells = methods.Select(m => report.Results.FirstOrDefault(r => r.Task == task && r.Examples == count && r.Method == m) is { } r
                    ? string.Create(CultureInfo.InvariantCulture, $"{r.SuccessRate:P0} ({r.L1ToTarget:F3})")
                    : "—");
                md.AppendLine(CultureInfo.InvariantCulture, $"| {count} | {string.Join(" | ", cells)} |");
            }
        }
        return md.ToString();
    }
}
