using System.CommandLine;
using EmuEdit.Cli.Evaluation;
using EmuEdit.Model;
using EmuEdit.Model.Diffusion;

namespace EmuEdit.Cli;

/// <summary>`emuedit eval`: the model on the fixed benchmark, with baselines, sweep and report files (docs/evaluation.md).</summary>
public static class EvalCommand
{
    public static Command Create()
    {
        var model = new Option<DirectoryInfo>("--model") { Description = "Model folder (checkpoint + task_predictor.json).", Required = true };
        var benchmark = new Option<string?>("--benchmark")
        {
            Description = "Benchmark root (`emuedit data benchmark --out DIR`), folder or manifest.jsonl; default: write the fixed benchmark beside --out.",
        };
        var output = new Option<FileInfo>("--out") { Description = "Evaluation JSON; FILE.md, metrics.json and FILE.sheets/ go beside it.", Required = true };
        var steps = new Option<int?>("--steps") { Description = "DDIM steps (default: the checkpoint's)." };
        var imageGuidance = new Option<double?>("--image-guidance") { Description = "gamma_I (default: the checkpoint's)." };
        var textGuidance = new Option<double?>("--text-guidance") { Description = "gamma_T (default: the checkpoint's)." };
        var threshold = new Option<double?>("--threshold")
        {
            Description = "Edit thresholding: keep the input's pixel where the edit changed less than this (paper eq. 4 against the input's reconstruction; 0 = off; default: the engine's).",
        };
        var seed = new Option<ulong>("--seed") { Description = "Base noise seed (mixed with each example's id).", DefaultValueFactory = _ => 0 };
        var limit = new Option<int?>("--limit-per-task") { Description = "Evaluate the first N examples of each task (default: all)." };
        var batch = new Option<int>("--batch-size") { Description = "Edits sharing each U-Net forward.", DefaultValueFactory = _ => 8 };
        var sweep = new Option<bool>("--sweep") { Description = "Also sweep guidance scales and step counts (small grid, a subset of trained tasks)." };
        var sweepLimit = new Option<int>("--sweep-limit-per-task") { Description = "Examples per trained task at each sweep point.", DefaultValueFactory = _ => 3 };
        var sweepSteps = new Option<int[]>("--sweep-steps")
        {
            Description = "Step counts of the sweep (default 10 25 50).", AllowMultipleArgumentsPerToken = true,
        };
        var sweepImageGuidance = new Option<double[]>("--sweep-image-guidance")
        {
            Description = "Image guidance scales of the sweep (default 1 1.5).", AllowMultipleArgumentsPerToken = true,
        };
        var sweepTextGuidance = new Option<double[]>("--sweep-text-guidance")
        {
            Description = "Text guidance scales of the sweep (default 1 3 5).", AllowMultipleArgumentsPerToken = true,
        };
        var sweepThreshold = new Option<double[]>("--sweep-threshold")
        {
            Description = "Edit-thresholding alphas of the sweep (default: only the run's).", AllowMultipleArgumentsPerToken = true,
        };
        var threads = new Option<int>("--threads") { Description = "LibTorch threads (0: one per core; 1 is faster on an oversubscribed machine).", DefaultValueFactory = _ => 0 };
        var noResNet = new Option<bool>("--no-resnet") { Description = "Skip the ResNet-18 feature similarity." };
        var clipImage = new Option<FileInfo?>("--clip-image") { Description = "CLIP image tower (ONNX) for CLIP_im, CLIP_out and CLIP_dir." };
        var clipText = new Option<FileInfo?>("--clip-text") { Description = "CLIP text tower (ONNX); vocab.json and merges.txt beside it or in --clip-tokenizer." };
        var clipTokenizer = new Option<DirectoryInfo?>("--clip-tokenizer") { Description = "Folder with the CLIP vocab.json and merges.txt." };
        var dino = new Option<FileInfo?>("--dino") { Description = "DINO image encoder (ONNX) for the DINO similarity." };
        var cmd = new Command("eval", "Evaluate a model on the fixed benchmark: metrics per task, baselines (identity, no task embedding, predicted vs ground-truth task), optional sweep.")
        {
            model, benchmark, output, steps, imageGuidance, textGuidance, threshold, seed, limit, batch, sweep, sweepLimit, sweepSteps, sweepImageGuidance, sweepTextGuidance, sweepThreshold, threads, noResNet, clipImage, clipText, clipTokenizer, dino,
        };
        cmd.SetAction(parse => CliErrors.Guarded(() =>
        {
            var request = new EvalRequest
            {
                ModelFolder = parse.GetValue(model)!.FullName,
                Benchmark = parse.GetValue(benchmark),
                OutputJson = parse.GetValue(output)!.FullName,
                Sampling = new SamplingSettings
                {
                    Steps = parse.GetValue(steps),
                    ImageGuidance = parse.GetValue(imageGuidance),
                    TextGuidance = parse.GetValue(textGuidance),
                    Threshold = parse.GetValue(threshold),
                    Seed = parse.GetValue(seed),
                },
                LimitPerTask = parse.GetValue(limit),
                BatchSize = parse.GetValue(batch),
                Sweep = parse.GetValue(sweep),
                SweepOptions = SweepFrom(parse.GetValue(sweepLimit), parse.GetValue(sweepSteps), parse.GetValue(sweepImageGuidance), parse.GetValue(sweepTextGuidance), parse.GetValue(sweepThreshold)),
                SkipFeatureSimilarity = parse.GetValue(noResNet),
                ClipImage = parse.GetValue(clipImage)?.FullName,
                ClipText = parse.GetValue(clipText)?.FullName,
                ClipTokenizer = parse.GetValue(clipTokenizer)?.FullName,
                Dino = parse.GetValue(dino)?.FullName,
            };
            if (request.BatchSize <= 0) throw new ArgumentException("--batch-size must be positive");
            if (request.SweepOptions.LimitPerTask <= 0) throw new ArgumentException("--sweep-limit-per-task must be positive");
            if (request.SweepOptions.Steps.Any(n => n <= 0)) throw new ArgumentException("--sweep-steps must be positive");
            if (!request.SweepOptions.ImageGuidance.All(GuidanceScales.IsValidScale)) throw new ArgumentException("--sweep-image-guidance scales must be finite and non-negative");
            if (!request.SweepOptions.TextGuidance.All(GuidanceScales.IsValidScale)) throw new ArgumentException("--sweep-text-guidance scales must be finite and non-negative");
            if (request.Sampling.Threshold is double t && !(t >= 0 && t <= 1)) throw new ArgumentException("--threshold must be within [0, 1]");
            if (!request.SweepOptions.Threshold.All(a => a >= 0 && a <= 1)) throw new ArgumentException("--sweep-threshold alphas must be within [0, 1]");
            TorchRuntime.Initialise(parse.GetValue(threads));
            var (report, files) = new ModelEvaluation(request, line => Console.Error.WriteLine(line)).Run();
            var primary = report.Variants[EmuEdit.Evaluation.Reporting.VariantNames.PredictedTask].Trained!.Overall;
            Console.WriteLine($"success (trained tasks, predicted task): {primary.SuccessRate:P1}, outside-mask L1 {primary.InputL1Outside:F4}");
            Console.WriteLine($"wrote {files.Json}, {files.Markdown}, {files.MetricsJson} and {files.ContactSheets.Count} contact sheets");
            return 0;
        }));
        return cmd;
    }

    private static SweepOptions SweepFrom(int limitPerTask, int[]? steps, double[]? imageGuidance, double[]? textGuidance, double[]? threshold)
    {
        var options = new SweepOptions { LimitPerTask = limitPerTask };
        if (steps is { Length: > 0 }) options = options with { Steps = steps };
        if (imageGuidance is { Length: > 0 }) options = options with { ImageGuidance = imageGuidance };
        if (textGuidance is { Length: > 0 }) options = options with { TextGuidance = textGuidance };
        if (threshold is { Length: > 0 }) options = options with { Threshold = threshold };
        return options;
    }
}
