using EmuEdit.Data.Generation;
using EmuEdit.Data.Storage;
using EmuEdit.Data.Tasks;
using EmuEdit.Evaluation;
using EmuEdit.Evaluation.Benchmark;
using EmuEdit.Evaluation.Reporting;
using EmuEdit.Evaluation.Running;
using EmuEdit.Model.Checkpoints;
using EmuEdit.Pipeline.Engine;

namespace EmuEdit.Cli.Evaluation;

/// <summary>
/// `emuedit eval`: the model through the served engine on the fixed benchmark, with the baselines of paper
/// Table 3 (predicted vs ground-truth task vs no task embedding) and the identity edit, an optional
/// guidance/steps sweep, the autoencoder's reconstruction PSNR and the task predictor's accuracy.
/// </summary>
public sealed class ModelEvaluation(EvalRequest request, Action<string> log)
{
    private readonly EvaluationOptions _criterion = new();

    public (EvaluationReport Report, ReportFiles Files) Run(CancellationToken cancellationToken = default)
    {
        var config = ModelCheckpoint.LoadConfig(request.ModelFolder);
        var side = config.Autoencoder.ImageSize;
        var benchmark = request.Benchmark ?? WriteFixedBenchmark(side);
        var examples = BenchmarkSuite.Load(benchmark, request.LimitPerTask);
        var trained = examples.Where(e => !e.IsUnseen).ToList();
        log($"benchmark {BenchmarkSuite.ResolveManifest(benchmark)}: {examples.Count} examples ({trained.Count} on trained tasks)");

        using var encoders = new EmbeddingSet(request);
        var evaluator = new BenchmarkEvaluator(new EditScorer(_criterion), encoders.Scorer(), new EvaluationRunOptions { BatchSize = request.BatchSize });
        using var engine = EvaluationEngine.Load(request.ModelFolder, new EditEngineOptions { MaxBatchSize = request.BatchSize });
        var diffusion = engine.Engine.Denoiser.Config.Diffusion;
        var steps = request.Sampling.Steps ?? diffusion.DefaultInferenceSteps;
        var image = request.Sampling.ImageGuidance ?? diffusion.ImageGuidanceScale;
        var text = request.Sampling.TextGuidance ?? diffusion.TextGuidanceScale;
        var threshold = request.Sampling.Threshold ?? engine.Engine.Options.Threshold.Alpha;
        var sampling = request.Sampling with { Steps = steps, ImageGuidance = image, TextGuidance = text, Threshold = threshold };

        var variants = new Dictionary<string, VariantReport>();
        EditorRun Run(string name, IBenchmarkEditor editor, IReadOnlyList<BenchmarkExample> set)
        {
            log($"{name}: {set.Count} edits");
            var run = evaluator.Run(name, editor, set, (done, total) => log($"  {name} {done}/{total}"), cancellationToken);
            log($"{name}: done in {run.Elapsed.TotalSeconds:F0} s");
            return run;
        }

        variants[VariantNames.Identity] = VariantReport.Of(Run(VariantNames.Identity, new IdentityEditor(), examples),
            "output = input: no edit at all (success 0 by construction, the floor)", "n/a");
        variants[VariantNames.Reconstruction] = VariantReport.Of(Run(VariantNames.Reconstruction, new ReconstructionEditor(engine.Codec, side), examples),
            "output = D(E(input)): the autoencoder alone, no edit intended; its outside-mask L1 is the floor under every edit " +
            "(it can still pass the lenient image-from-map criterion, docs/evaluation.md)", "n/a");
        variants[VariantNames.TargetReconstruction] = VariantReport.Of(
            Run(VariantNames.TargetReconstruction, new ReconstructionEditor(engine.Codec, side, ofTarget: true), examples),
            "output = D(E(target)): the perfect edit in latent space, drawn by this autoencoder; the ceiling of any editor on it " +
            "(where it fails the criterion, the autoencoder, not the editor, is what fails)", "n/a");
        var predicted = Run(VariantNames.PredictedTask, new EngineEditor(engine.Engine, TaskSource.Predicted, sampling), examples);
        variants[VariantNames.PredictedTask] = VariantReport.Of(predicted,
            "the served path: the task predictor picks the task vector from the instruction", "predicted");
        if (threshold > 0)
            variants[VariantNames.Unthresholded] = VariantReport.Of(
                Run(VariantNames.Unthresholded, new EngineEditor(engine.Engine, TaskSource.Predicted, sampling with { Threshold = 0 }), examples),
                "the served path with edit thresholding off (threshold 0): the decoder's drawing of the whole image, " +
                "autoencoder error and sampling drift outside the edit included", "predicted");
        variants[VariantNames.GroundTruthTask] = VariantReport.Of(
            Run(VariantNames.GroundTruthTask, new EngineEditor(engine.Engine, TaskSource.GroundTruth, sampling), trained),
            "the benchmark's true task (trained tasks only: unseen tasks have no row before inversion)", "ground_truth");
        variants[VariantNames.NoTaskEmbedding] = VariantReport.Of(
            Run(VariantNames.NoTaskEmbedding, new EngineEditor(engine.Engine, TaskSource.None, sampling), examples),
            $"the same weights with a zero task vector at inference (trained with task drop probability {diffusion.TaskDropProbability}); " +
            "the paper instead trains a separate model without task embeddings", "none");

        var sweep = request.Sweep ? RunSweep(engine.Engine, trained, sampling, cancellationToken) : [];
        log("autoencoder reconstruction PSNR");
        // Inputs shared by several edits count once; images are compared by file, as decoded copies are distinct objects.
        var psnr = AutoencoderFidelity.MeanPsnr(engine.Codec, examples.DistinctBy(e => e.InputPath ?? e.Id, StringComparer.Ordinal).Select(e => e.Input), side, _criterion.MaxPsnrDb);

        var report = new EvaluationReport
        {
            CreatedUtc = DateTimeOffset.UtcNow,
            Model = Path.GetFullPath(request.ModelFolder),
            Benchmark = BenchmarkSuite.ResolveManifest(benchmark),
            Examples = examples.Count,
            TrainedTasks = EditTasks.Trained,
            UnseenTasks = EditTasks.Unseen,
            Settings = new EvaluationSettings
            {
                Steps = steps, ImageGuidance = image, TextGuidance = text, Threshold = threshold, Seed = (long)request.Sampling.Seed,
                BatchSize = request.BatchSize, LimitPerTask = request.LimitPerTask,
                InsideRatio = _criterion.InsideRatio, OutsideL1 = _criterion.OutsideL1,
            },
            Encoders = encoders.Names(),
            Variants = variants,
            Sweep = sweep,
            AutoencoderPsnrDb = psnr is { } p ? Math.Round(p, 3) : null,
            TaskPredictorHeldOutAccuracy = TaskPredictorAccuracy.Read(request.ModelFolder),
        };
        var files = ReportWriter.Write(request.OutputJson, report, predicted);
        return (report, files);
    }

    private List<SweepPoint> RunSweep(EditEngine engine, IReadOnlyList<BenchmarkExample> trained, SamplingSettings sampling, CancellationToken ct)
    {
        var subset = trained.GroupBy(e => e.Task).SelectMany(g => g.Take(request.SweepOptions.LimitPerTask)).ToList();
        // Pixel metrics only: the sweep compares settings, and encoders would multiply its cost.
        var evaluator = new BenchmarkEvaluator(new EditScorer(_criterion), new EmbeddingScorer(), new EvaluationRunOptions { BatchSize = request.BatchSize });
        var points = new List<SweepPoint>();
        foreach (var (image, text, steps, threshold) in request.SweepOptions.Points(
                     sampling.Steps!.Value, sampling.ImageGuidance!.Value, sampling.TextGuidance!.Value, sampling.Threshold!.Value))
        {
            var settings = sampling with { Steps = steps, ImageGuidance = image, TextGuidance = text, Threshold = threshold };
            var run = evaluator.Run("sweep", new EngineEditor(engine, TaskSource.Predicted, settings), subset, cancellationToken: ct);
            var summary = MetricSummary.Of(run.Outcomes.Select(o => o.Result).ToList());
            log($"sweep image {image} text {text} steps {steps} threshold {threshold}: success {summary.SuccessRate:P0} ({run.Elapsed.TotalSeconds:F0} s)");
            points.Add(new SweepPoint
            {
                ImageGuidance = image, TextGuidance = text, Steps = steps, Threshold = threshold, Count = summary.Count, SuccessRate = summary.SuccessRate,
                TargetL1Inside = summary.TargetL1Inside, InputL1Outside = summary.InputL1Outside,
                Seconds = Math.Round(run.Elapsed.TotalSeconds, 3),
            });
        }
        return points;
    }

    /// <summary>The fixed benchmark at the model's image size, written once beside the output and reused.</summary>
    private string WriteFixedBenchmark(int side)
    {
        var root = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(request.OutputJson))!, $"benchmark-{side}");
        var manifest = Path.Combine(root, BenchmarkSuite.BenchmarkFolder, BenchmarkSuite.ManifestFile);
        if (File.Exists(manifest)) return root;
        log($"no --benchmark given: writing the fixed benchmark ({side}x{side}) to {root}");
        BenchmarkSet.Write(root, new ExampleGenerator(new GeneratorOptions().WithSize(side, side)));
        return root;
    }
}
