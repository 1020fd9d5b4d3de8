namespace EmuEdit.Evaluation.Reporting;

/// <summary>The files an evaluation leaves behind, all named after the JSON path.</summary>
public sealed record ReportFiles(string Json, string Markdown, string MetricsJson, IReadOnlyList<string> ContactSheets);
