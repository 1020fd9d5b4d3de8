using System.Globalization;
using System.Text;

namespace EmuEdit.Evaluation.Reporting;

/// <summary>The evaluation JSON as Markdown tables: variants overall, success per task and variant, unseen tasks, sweep.</summary>
public static class MarkdownReport
{
    public static string Render(EvaluationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var md = new StringBuilder();
        md.AppendLine("# Benchmark evaluation").AppendLine();
        md.AppendLine($"Model `{report.Model ?? "(none)"}`, benchmark `{report.Benchmark}`, {report.Examples} examples, " +
                      $"created {report.CreatedUtc:yyyy-MM-dd HH:mm} UTC.");
        var s = report.Settings;
        md.AppendLine($"Sampling: {Opt(s.Steps)} steps, image guidance {Opt(s.ImageGuidance)}, text guidance {Opt(s.TextGuidance)}, threshold {Opt(s.Threshold)}, seed {Opt(s.Seed)}; " +
                      $"limit per task {Opt(s.LimitPerTask)}. Success: L1 to target inside the mask <= {F(s.InsideRatio)} x the input's, " +
                      $"and L1 to input outside the mask <= {F(s.OutsideL1)}.");
        md.AppendLine($"Encoders: feature {Opt(report.Encoders.Feature)}, CLIP image {Opt(report.Encoders.ClipImage)}, " +
                      $"CLIP text {Opt(report.Encoders.ClipText)}, DINO {Opt(report.Encoders.Dino)}.").AppendLine();
        if (report.AutoencoderPsnrDb is { } psnr) md.AppendLine($"Autoencoder reconstruction PSNR on benchmark inputs: {F(psnr, 2)} dB.");
        if (report.TaskPredictorHeldOutAccuracy is { } acc) md.AppendLine($"Task predictor held-out accuracy: {F(acc)}.");
        md.AppendLine();

        var variants = Ordered(report).ToList();
        md.AppendLine($"## Trained tasks ({report.TrainedTasks.Count}), overall").AppendLine();
        Header(md, "variant", "n", "success", "task acc.", "L1 in-out", "L1 target (inside)", "L1 input (outside)", "PSNR dB",
            "ResNet sim in-out", "ResNet sim out-target", "CLIP_dir", "CLIP_im", "CLIP_out", "DINO", "seconds");
        foreach (var (name, v) in variants)
        {
            if (v.Trained is not { } t) continue;
            var o = t.Overall;
            Row(md, name, o.Count.ToString(CultureInfo.InvariantCulture), F(o.SuccessRate), Opt(v.TaskAccuracy), F(o.InputOutputL1),
                Opt(o.TargetL1Inside), Opt(o.InputL1Outside), F(o.PsnrToTarget, 2), Opt(o.FeatureInputOutput), Opt(o.FeatureOutputTarget),
                Opt(o.ClipDirection), Opt(o.ClipImage), Opt(o.ClipOutput), Opt(o.Dino), F(v.Seconds, 1));
        }
        md.AppendLine();

        md.AppendLine("## Success rate per task").AppendLine();
        PerTask(md, variants, report.TrainedTasks, v => v.Trained);
        if (variants.Any(v => v.Report.Unseen is not null))
        {
            md.AppendLine("## Unseen tasks (few-shot; not in the overall figure)").AppendLine();
            md.AppendLine("No task row exists for these before task inversion: the predicted-task variant uses whichever trained task the predictor picks.").AppendLine();
            PerTask(md, variants, report.UnseenTasks, v => v.Unseen);
        }
        if (report.Sweep.Count > 0)
        {
            md.AppendLine("## Guidance, steps and threshold sweep (trained tasks, predicted task)").AppendLine();
            Header(md, "image guidance", "text guidance", "steps", "threshold", "n", "success", "L1 target (inside)", "L1 input (outside)", "seconds");
            foreach (var p in report.Sweep)
            {
                Row(md, F(p.ImageGuidance, 2), F(p.TextGuidance, 2), p.Steps.ToString(CultureInfo.InvariantCulture), Opt(p.Threshold),
                    p.Count.ToString(CultureInfo.InvariantCulture), F(p.SuccessRate), Opt(p.TargetL1Inside), Opt(p.InputL1Outside), F(p.Seconds, 1));
            }
            md.AppendLine();
        }
        return md.ToString();
    }

    private static void PerTask(StringBuilder md, IReadOnlyList<(string Name, VariantReport Report)> variants, IReadOnlyList<string> tasks,
        Func<VariantReport, EvaluationSummary?> pick)
    {
        var present = variants.Where(v => pick(v.Report) is not null).ToList();
        Header(md, ["task", "n", .. present.Select(v => v.Name)]);
        foreach (var task in tasks)
        {
            var summaries = present.Select(v => pick(v.Report)!.PerTask.GetValueOrDefault(task)).ToList();
            var count = summaries.FirstOrDefault(x => x is not null)?.Count;
            if (count is null) continue;
            Row(md, [task, count.Value.ToString(CultureInfo.InvariantCulture), .. summaries.Select(x => x is null ? "-" : F(x.SuccessRate))]);
        }
        md.AppendLine();
    }

    private static IEnumerable<(string Name, VariantReport Report)> Ordered(EvaluationReport report) =>
        VariantNames.Ordered.Where(report.Variants.ContainsKey).Select(n => (n, report.Variants[n]))
            .Concat(report.Variants.Where(kv => !VariantNames.Ordered.Contains(kv.Key)).Select(kv => (kv.Key, kv.Value)));

    private static void Header(StringBuilder md, params string[] columns)
    {
        md.AppendLine("| " + string.Join(" | ", columns) + " |");
        md.AppendLine("|" + string.Concat(columns.Select((_, i) => i == 0 ? "---|" : "---:|")));
    }

    private static void Row(StringBuilder md, params string[] cells) => md.AppendLine("| " + string.Join(" | ", cells) + " |");

    private static string F(double value, int digits = 3) => value.ToString("F" + digits, CultureInfo.InvariantCulture);

    private static string Opt(double? value) => value is { } v ? F(v) : "-";

    private static string Opt(int? value) => value is { } v ? v.ToString(CultureInfo.InvariantCulture) : "-";

    private static string Opt(long? value) => value is { } v ? v.ToString(CultureInfo.InvariantCulture) : "-";

    private static string Opt(string? value) => value ?? "-";
}
