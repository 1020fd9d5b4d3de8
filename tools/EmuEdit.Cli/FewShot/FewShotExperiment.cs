using System.Diagnostics;
using EmuEdit.Data.Generation;
using EmuEdit.Data.Storage;
using EmuEdit.Evaluation;
using EmuEdit.Evaluation.Benchmark;
using EmuEdit.Pipeline.Engine;
using EmuEdit.Pipeline.InProcess;
using EmuEdit.Pipeline.Inversion;
using TaskInitialisation = EmuEdit.Contracts.V1.TaskInitialisation;

namespace EmuEdit.Cli.FewShot;

/// <summary>
/// The few-shot experiment (paper §5.3, Fig. 6) on any model folder: examples of each unseen task come from
/// the procedural dataset's few-shot split, held-out ones from its benchmark split (with their true masks),
/// and every method is scored by the evaluator's success criterion (<see cref="EditScorer"/>).
/// </summary>
public sealed class FewShotExperiment(FewShotSettings settings, Action<string> log)
{
    private readonly EditScorer _scorer = new(new EvaluationOptions());

    public IReadOnlyList<FewShotResult> Run(CancellationToken cancellationToken = default)
    {
        settings.Validate();
        using var engine = InProcessEditEngine.Load(settings.ModelFolder);
        var size = engine.Denoiser.ImageSize;
        var generator = new ExampleGenerator(new GeneratorOptions().WithSize(size, size));
        var learnerOptions = new TaskLearnerOptions();
        var learner = new TaskLearner(engine, learnerOptions);
        var results = new List<FewShotResult>();
        foreach (var task in settings.Tasks)
        {
            var training = Enumerable.Range(0, settings.Counts.Max()).Select(i => generator.Generate(task, BenchmarkSet.FirstSeed + i, Split.FewShot)).ToList();
            var heldOut = Enumerable.Range(0, settings.HeldOut).Select(i => generator.Generate(task, BenchmarkSet.FirstSeed + i, Split.Benchmark)).ToList();
            var heldOutInputs = heldOut.Select(AsLearningExample).ToList();

            if (settings.Methods.Contains(FewShotMethods.ZeroShot))
            {
                var clock = Stopwatch.StartNew();
                var outputs = engine.RunAsync(heldOutInputs.Select((e, i) => Input(e, i, task: null)).ToList(), cancellationToken: cancellationToken).GetAwaiter().GetResult();
                // Learning nothing, zero-shot scores the same at every count: one row per count keeps the table square.
                var score = Score(heldOut, outputs);
                foreach (var count in settings.Counts) results.Add(Result(task, count, FewShotMethods.ZeroShot, score, heldOut.Count, clock));
                log($"{task}: zero-shot success {score.Success:P0}");
            }
            foreach (var count in settings.Counts.Order())
            {
                var examples = training.Take(count).Select(AsLearningExample).ToList();
                var name = $"fewshot-{task}-{count}";
                var learnSettings = new LearnSettings(settings.InversionSteps, settings.InversionLearningRate, settings.BatchSize, settings.Seed, TaskInitialisation.Mean);
                if (settings.Methods.Contains(FewShotMethods.Inversion))
                {
                    var clock = Stopwatch.StartNew();
                    var learned = learner.LearnAsync(examples, learnSettings, cancellationToken: cancellationToken).GetAwaiter().GetResult();
                    var outputs = learner.EditAsync(name, learned.Vector, heldOutInputs, settings.SamplerSteps, (ulong)settings.Seed, cancellationToken).GetAwaiter().GetResult();
                    var score = Score(heldOut, outputs);
                    results.Add(Result(task, count, FewShotMethods.Inversion, score, heldOut.Count, clock));
                    log($"{task}, {count} examples: inversion success {score.Success:P0}");
                }
                if (settings.Methods.Contains(FewShotMethods.FineTune))
                {
                    var clock = Stopwatch.StartNew();
                    var score = FineTune(engine, learner, examples, learnSettings, name, heldOut, heldOutInputs, cancellationToken);
                    results.Add(Result(task, count, FewShotMethods.FineTune, score, heldOut.Count, clock));
                    log($"{task}, {count} examples: fine-tune success {score.Success:P0}");
                }
            }
        }
        return results;
    }

    /// <summary>Fine-tunes a fresh copy of the U-Net (the engine's own stays untouched) and edits the held-out examples with it.</summary>
    private (double Success, double L1) FineTune(EditEngine engine, TaskLearner learner, IReadOnlyList<LearningExample> examples, LearnSettings learnSettings,
        string name, IReadOnlyList<EditExample> heldOut, IReadOnlyList<LearningExample> heldOutInputs, CancellationToken cancellationToken)
    {
        using var denoiser = EditDenoiser.Load(settings.ModelFolder);
        using var encoded = new ExampleEncoder(engine, new TaskLearnerOptions()).EncodeAsync(examples, cancellationToken).GetAwaiter().GetResult();
        var vector = FineTuner.Run(denoiser, encoded, learner.InitialVector(learnSettings), settings.FineTuneSteps, settings.FineTuneLearningRate, settings.BatchSize, settings.Seed);
        var predictor = InProcessTaskPredictor.Load(settings.ModelFolder);
        var tasks = Pipeline.Tasks.TaskVectorResolver.FromDenoiser(denoiser).WithCandidate(name, vector);
        using var tuned = new EditEngine(denoiser, predictor, engine.Encoder, engine.Codec, tasks, engine.Options);
        var outputs = tuned.RunAsync(heldOutInputs.Select((e, i) => Input(e, i, name)).ToList(), cancellationToken: cancellationToken).GetAwaiter().GetResult();
        return Score(heldOut, outputs);
    }

    private EditInput Input(LearningExample example, int index, string? task) =>
        new($"held-out-{index}", example.Input, example.Instruction) { Task = task, Steps = settings.SamplerSteps, Seed = (ulong)settings.Seed };

    private static LearningExample AsLearningExample(EditExample e) => new(Pngs.Encode(e.Input), e.Instruction, Pngs.Encode(e.Target));

    private (double Success, double L1) Score(IReadOnlyList<EditExample> heldOut, IReadOnlyList<EditOutput> outputs)
    {
        int successes = 0;
        double l1 = 0;
        for (var i = 0; i < heldOut.Count; i++)
        {
            var input = ImageConversion.ToPlanar(heldOut[i].Input);
            var target = ImageConversion.ToPlanar(heldOut[i].Target);
            var output = ImageConversion.FromEncoded(outputs[i].Image);
            l1 += PixelMetrics.MeanAbsolute(output, target);
            if (_scorer.Score(input, output, target, ImageConversion.ToMask(heldOut[i].Mask)).Success) successes++;
        }
        return ((double)successes / heldOut.Count, l1 / heldOut.Count);
    }

    private static FewShotResult Result(string task, int count, string method, (double Success, double L1) score, int heldOut, Stopwatch clock) =>
        new(task, count, method, score.Success, score.L1, heldOut, Math.Round(clock.Elapsed.TotalSeconds, 2));
}
