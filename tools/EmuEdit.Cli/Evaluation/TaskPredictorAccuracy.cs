using System.Text.Json;

namespace EmuEdit.Cli.Evaluation;

/// <summary>Reads the task predictor's held-out accuracy from the report its trainer leaves in the model folder.</summary>
public static class TaskPredictorAccuracy
{
    public const string ReportFile = "task_predictor.report.json";

    /// <summary>
    /// The accuracy in task_predictor.report.json: a top-level "accuracy" (TaskPredictorReport's form) or
    /// "accuracy" inside a "heldout"/"held_out" object, or a "heldout_accuracy" number; null without the file.
    /// </summary>
    public static double? Read(string modelFolder)
    {
        var path = Path.Combine(modelFolder, ReportFile);
        if (!File.Exists(path)) return null;
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var root = doc.RootElement;
        foreach (var key in new[] { "heldout_accuracy", "held_out_accuracy" })
            if (root.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Number) return v.GetDouble();
        foreach (var key in new[] { "heldout", "held_out" })
            if (root.TryGetProperty(key, out var o) && o.ValueKind == JsonValueKind.Object
                && o.TryGetProperty("accuracy", out var a) && a.ValueKind == JsonValueKind.Number) return a.GetDouble();
        return root.TryGetProperty("accuracy", out var acc) && acc.ValueKind == JsonValueKind.Number ? acc.GetDouble() : null;
    }
}
