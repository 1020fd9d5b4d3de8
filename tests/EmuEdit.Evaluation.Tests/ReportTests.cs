using System.Text.Json;
using EmuEdit.Data.Tasks;
using EmuEdit.Evaluation.Benchmark;
using EmuEdit.Evaluation.Reporting;
using EmuEdit.Evaluation.Running;

namespace EmuEdit.Evaluation.Tests;

public class ReportTests(TinyBenchmark benchmark) : IClassFixture<TinyBenchmark>
{
    private (EvaluationReport Report, EditorRun Oracle) Build()
    {
        var examples = BenchmarkSuite.Load(benchmark.Root);
        var evaluator = new BenchmarkEvaluator(new EditScorer(new EvaluationOptions()), new EmbeddingScorer());
        var identity = evaluator.Run(VariantNames.Identity, new IdentityEditor(), examples);
        var oracle = evaluator.Run(VariantNames.GroundTruthTask, new OracleEditor(), examples);
        var report = new EvaluationReport
        {
            CreatedUtc = DateTimeOffset.UnixEpoch,
            Benchmark = BenchmarkSuite.ResolveManifest(benchmark.Root),
            Examples = examples.Count,
            TrainedTasks = EditTasks.Trained,
            UnseenTasks = EditTasks.Unseen,
            Settings = new EvaluationSettings { BatchSize = 8, InsideRatio = 0.5, OutsideL1 = 0.04 },
            Encoders = new EncoderNames(),
            Variants = new Dictionary<string, VariantReport>
            {
                [VariantNames.Identity] = VariantReport.Of(identity, "output = input", "n/a"),
                [VariantNames.PredictedTask] = VariantReport.Of(oracle, "target (stands in for a model)", "predicted"),
            },
            Sweep = [new SweepPoint { ImageGuidance = 1.5, TextGuidance = 5, Steps = 10, Count = 3, SuccessRate = 1, Seconds = 1 }],
        };
        return (report, oracle);
    }

    [Fact]
    public void JsonHasTheStableSnakeCaseKeys()
    {
        using var doc = JsonDocument.Parse(Build().Report.ToJson());
        var root = doc.RootElement;
        foreach (var key in new[] { "format", "created_utc", "model", "benchmark", "examples", "trained_tasks", "unseen_tasks", "settings",
                     "encoders", "variants", "sweep", "autoencoder_psnr_db", "task_predictor_heldout_accuracy" })
            Assert.True(root.TryGetProperty(key, out _), key);
        var identity = root.GetProperty("variants").GetProperty("identity");
        foreach (var key in new[] { "description", "task_source", "seconds", "task_accuracy", "trained", "unseen" })
            Assert.True(identity.TryGetProperty(key, out _), key);
        var overall = identity.GetProperty("trained").GetProperty("overall");
        foreach (var key in new[] { "count", "success_rate", "l1_input_output", "l1_target_inside", "l1_input_outside", "psnr_to_target_db",
                     "feature_sim_input_output", "feature_sim_output_target", "clip_dir", "clip_im", "clip_out", "dino" })
            Assert.True(overall.TryGetProperty(key, out _), key);
        Assert.Equal(EditTasks.Trained.Count * TinyBenchmark.PerTask, overall.GetProperty("count").GetInt32());
        Assert.Equal(EditTasks.Unseen.Count, identity.GetProperty("unseen").GetProperty("per_task").EnumerateObject().Count());
        Assert.Equal(JsonValueKind.Null, overall.GetProperty("clip_dir").ValueKind);
    }

    [Fact]
    public void MetricsJsonHasTheShippedModelKeysOverTrainedTasksOnly()
    {
        var metrics = ShippedMetrics.From(Build().Report);
        using var doc = JsonDocument.Parse(metrics.ToJson());
        foreach (var key in new[] { "overall_success_rate", "per_task_success_rate", "task_predictor_heldout_accuracy", "autoencoder_psnr_db",
                     "outside_mask_l1", "identity_success_rate", "no_task_embedding_success_rate" })
            Assert.True(doc.RootElement.TryGetProperty(key, out _), key);
        Assert.Equal(1.0, metrics.OverallSuccessRate);
        Assert.Equal(0.0, metrics.IdentitySuccessRate);
        Assert.Equal(EditTasks.Trained, metrics.PerTaskSuccessRate.Keys.ToList());
        Assert.Null(metrics.NoTaskEmbeddingSuccessRate);
    }

    [Fact]
    public void WriterLeavesJsonMarkdownMetricsOneSheetPerTaskAndAnOverview()
    {
        var (report, oracle) = Build();
        var folder = Path.Combine(benchmark.Root, "out");
        var files = ReportWriter.Write(Path.Combine(folder, "eval.json"), report, oracle);
        Assert.Equal(report.ToJson(), File.ReadAllText(files.Json));
        Assert.EndsWith("eval.md", files.Markdown);
        var md = File.ReadAllText(files.Markdown);
        Assert.Contains("| identity |", md);
        Assert.Contains("Unseen tasks", md);
        Assert.Contains("sweep", md);
        Assert.True(File.Exists(Path.Combine(folder, "metrics.json")));
        Assert.Equal(EditTasks.All.Count + 1, files.ContactSheets.Count);
        var sheet = EmuEdit.Data.Imaging.RgbImage.LoadPng(files.ContactSheets[0]);
        Assert.True(sheet.Width > 3 * TinyBenchmark.Side * 2);
        // The overview holds every task: at least one row of examples per task.
        Assert.EndsWith(ReportWriter.OverviewSheet, files.ContactSheets[^1]);
        var overview = EmuEdit.Data.Imaging.RgbImage.LoadPng(files.ContactSheets[^1]);
        Assert.True(overview.Height > EditTasks.All.Count * TinyBenchmark.Side * 2, $"overview {overview.Width}x{overview.Height}");
    }

    [Fact]
    public void ReportRoundTripsThroughJson()
    {
        var report = Build().Report;
        var again = EvaluationReport.FromJson(report.ToJson());
        Assert.Equal(report.ToJson(), again.ToJson());
    }
}
