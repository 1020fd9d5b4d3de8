using System.Text.Json;
using EmuEdit.Data.Tasks;

namespace EmuEdit.Cli.Tests;

[Collection(ConsoleCollection.Name)]
public class EvalCommandTests(TinyModel tiny)
{
    [Fact]
    public void EvaluatesEveryVariantAndWritesTheReportFiles()
    {
        var outDir = Path.Combine(tiny.Root, "eval");
        var json = Path.Combine(outDir, "eval.json");
        var (code, stdout, stderr) = ConsoleCapture.Run(EvalCommand.Create(),
            "--model", tiny.ModelFolder, "--benchmark", tiny.BenchmarkRoot, "--out", json, "--steps", "2", "--no-resnet",
            "--sweep", "--sweep-limit-per-task", "1", "--sweep-steps", "1", "3", "--sweep-image-guidance", "1", "2", "--sweep-text-guidance", "4",
            "--sweep-threshold", "0", "0.1", "--batch-size", "8");
        Assert.True(code == 0, stderr);
        Assert.Contains("success (trained tasks, predicted task)", stdout);

        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var variants = doc.RootElement.GetProperty("variants");
        foreach (var name in new[] { "identity", "autoencoder_round_trip", "autoencoder_target", "predicted_task", "predicted_task_unthresholded", "ground_truth_task", "no_task_embedding" })
            Assert.True(variants.TryGetProperty(name, out _), name);
        Assert.Equal(0.0, variants.GetProperty("identity").GetProperty("trained").GetProperty("overall").GetProperty("success_rate").GetDouble());
        // An untrained autoencoder does not reproduce the input: the floor is above 0.
        var roundTrip = variants.GetProperty("autoencoder_round_trip").GetProperty("trained").GetProperty("overall");
        Assert.True(roundTrip.GetProperty("l1_input_outside").GetDouble() > 0);
        Assert.Equal(1.0, variants.GetProperty("ground_truth_task").GetProperty("task_accuracy").GetDouble());
        // Unseen tasks are reported apart, and the ground-truth variant cannot run them.
        Assert.Equal(EditTasks.Unseen.Count, variants.GetProperty("predicted_task").GetProperty("unseen").GetProperty("per_task").EnumerateObject().Count());
        Assert.Equal(JsonValueKind.Null, variants.GetProperty("ground_truth_task").GetProperty("unseen").ValueKind);
        Assert.Equal(EditTasks.Trained.Count * TinyModel.PerTask,
            variants.GetProperty("predicted_task").GetProperty("trained").GetProperty("overall").GetProperty("count").GetInt32());
        // The untrained editor changes pixels everywhere; thresholded, those it changed least are the input's own.
        var unthresholded = variants.GetProperty("predicted_task_unthresholded").GetProperty("trained").GetProperty("overall");
        var thresholded = variants.GetProperty("predicted_task").GetProperty("trained").GetProperty("overall");
        Assert.True(thresholded.GetProperty("l1_input_outside").GetDouble() < unthresholded.GetProperty("l1_input_outside").GetDouble());
        // The grid given: each (image, text) pair at the run's 2 steps, each step count at the run's guidance, each threshold.
        var sweep = doc.RootElement.GetProperty("sweep").EnumerateArray()
            .Select(p => (Image: p.GetProperty("image_guidance").GetDouble(), Text: p.GetProperty("text_guidance").GetDouble(), Steps: p.GetProperty("steps").GetInt32(),
                Threshold: p.GetProperty("threshold").GetDouble()))
            .ToList();
        Assert.Equal(6, sweep.Count);
        var alpha = new EmuEdit.Model.Editing.SequentialEditThresholdOptions().Alpha;
        Assert.Equal([(1.0, 4.0, 2, alpha), (2.0, 4.0, 2, alpha)], sweep.Take(2));
        Assert.Equal([1, 3], sweep.Skip(2).Take(2).Select(p => p.Steps));
        Assert.Equal([0.0, 0.1], sweep.Skip(4).Select(p => p.Threshold));
        Assert.Equal(2, doc.RootElement.GetProperty("settings").GetProperty("steps").GetInt32());
        Assert.Equal(alpha, doc.RootElement.GetProperty("settings").GetProperty("threshold").GetDouble());
        Assert.InRange(doc.RootElement.GetProperty("autoencoder_psnr_db").GetDouble(), 0, 100);

        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "metrics.json")));
        foreach (var key in new[] { "overall_success_rate", "per_task_success_rate", "task_predictor_heldout_accuracy", "autoencoder_psnr_db",
                     "outside_mask_l1", "autoencoder_outside_mask_l1", "identity_success_rate", "no_task_embedding_success_rate",
                     "autoencoder_target_success_rate", "autoencoder_target_per_task_success_rate", "unthresholded_success_rate", "unthresholded_outside_mask_l1", "threshold" })
            Assert.True(metrics.RootElement.TryGetProperty(key, out _), key);
        Assert.Equal(EditTasks.Trained.Count, metrics.RootElement.GetProperty("per_task_success_rate").EnumerateObject().Count());

        Assert.True(File.Exists(Path.Combine(outDir, "eval.md")));
        // One sheet per task and the overview of all of them.
        Assert.Equal(EditTasks.All.Count + 1, Directory.GetFiles(Path.Combine(outDir, "eval.sheets"), "*.png").Length);
        Assert.True(File.Exists(Path.Combine(outDir, "eval.sheets", EmuEdit.Evaluation.Reporting.ReportWriter.OverviewSheet)));
    }

    [Fact]
    public void ClipAndDinoMetricsAppearWhenEncodersAreGiven()
    {
        var (image, text) = TinyEncoders.Write(Path.Combine(tiny.Root, "encoders"));
        var json = Path.Combine(tiny.Root, "eval-clip", "eval.json");
        var (code, _, stderr) = ConsoleCapture.Run(EvalCommand.Create(),
            "--model", tiny.ModelFolder, "--benchmark", tiny.BenchmarkRoot, "--out", json, "--steps", "1", "--no-resnet",
            "--clip-image", image, "--clip-text", text, "--dino", image);
        Assert.True(code == 0, stderr);

        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var encoders = doc.RootElement.GetProperty("encoders");
        Assert.Equal("clip-image", encoders.GetProperty("clip_image").GetString());
        Assert.Equal("clip-text", encoders.GetProperty("clip_text").GetString());
        Assert.Equal("dino", encoders.GetProperty("dino").GetString());
        Assert.Equal(JsonValueKind.Null, encoders.GetProperty("feature").ValueKind);
        var overall = doc.RootElement.GetProperty("variants").GetProperty("predicted_task").GetProperty("trained").GetProperty("overall");
        foreach (var key in new[] { "clip_dir", "clip_im", "clip_out", "dino" })
            Assert.InRange(overall.GetProperty(key).GetDouble(), -1.0, 1.0);
        // The identity edit is its own input: CLIP_im and DINO are exactly 1.
        var identity = doc.RootElement.GetProperty("variants").GetProperty("identity").GetProperty("trained").GetProperty("overall");
        Assert.Equal(1.0, identity.GetProperty("clip_im").GetDouble(), 5);
        Assert.Equal(1.0, identity.GetProperty("dino").GetDouble(), 5);
    }

    [Theory]
    [InlineData("--sweep-image-guidance", "-1")]
    [InlineData("--sweep-text-guidance", "NaN")]
    [InlineData("--sweep-threshold", "1.5")]
    [InlineData("--threshold", "-0.1")]
    public void AnOutOfRangeSweepValueOrThresholdIsOneErrorLine(string option, string value)
    {
        var (code, _, stderr) = ConsoleCapture.Run(EvalCommand.Create(),
            "--model", tiny.ModelFolder, "--benchmark", tiny.BenchmarkRoot, "--out", Path.Combine(tiny.Root, "bad-sweep.json"), "--sweep", option, value);
        Assert.Equal(2, code);
        Assert.StartsWith("error:", stderr);
        Assert.Contains(option, stderr);
    }

    [Fact]
    public void MissingModelFolderIsOneErrorLine()
    {
        var (code, _, stderr) = ConsoleCapture.Run(EvalCommand.Create(),
            "--model", Path.Combine(tiny.Root, "nope"), "--benchmark", tiny.BenchmarkRoot, "--out", Path.Combine(tiny.Root, "x.json"));
        Assert.Equal(2, code);
        Assert.StartsWith("error:", stderr);
    }
}
