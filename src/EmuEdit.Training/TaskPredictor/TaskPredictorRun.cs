using System.Diagnostics;
using System.Text.Json;
using EmuEdit.Data.Generation;
using EmuEdit.Data.Storage;
using EmuEdit.Data.Tasks;
using EmuEdit.TaskPrediction;
using EmuEdit.SentenceEncoding;

namespace EmuEdit.Training.TaskPredictor;

/// <summary>
/// `emuedit train task-predictor`: fits the task predictor (n-grams and a frozen sentence embedding) on training-phrasing instructions of the
/// 16 trained tasks and measures it on the benchmark's held-out phrasings, the accuracy that matters when
/// users word edits in ways the generator's training templates never did.
/// </summary>
public static class TaskPredictorRun
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>Trains, evaluates, and writes <paramref name="predictorPath"/> and its .report.json beside it.</summary>
    public static TaskPredictorTrainingReport Run(string predictorPath, TaskPredictorTrainingOptions options, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        log ??= _ => { };
        var generator = new ExampleGenerator();
        var tasks = EditTasks.Trained;
        var train = Instructions(generator, tasks, Split.Train, 0, options.PerTask, options.Threads);
        var benchmark = Instructions(generator, tasks, Split.Benchmark, BenchmarkSet.FirstSeed, options.BenchmarkPerTask, options.Threads);
        var validation = Instructions(generator, tasks, Split.Validation, 0, options.ValidationPerTask, options.Threads);
        log($"{train.Count} training, {validation.Count} validation and {benchmark.Count} held-out instructions generated");

        var encoder = options.Encoder is null ? null : SentenceEncoders.Shared(SentenceEncoders.Locate(options.Encoder));
        if (encoder is not null) log($"sentence encoder {encoder.Name} ({encoder.Dimension} dims) from {encoder.Source}");
        var clock = Stopwatch.StartNew();
        // Embedded once: the training accuracy below reads the same embeddings the fit did.
        var trainEmbeddings = encoder?.Encode(train.Select(e => e.Instruction).ToArray());
        var predictor = TaskPredictorTrainer.Train(train, tasks, options.Trainer,
            new Progress<(int Epoch, double Loss)>(p => log($"epoch {p.Epoch}: loss {p.Loss:F4}")), encoder, trainEmbeddings);
        var trainSeconds = clock.Elapsed.TotalSeconds;
        var evaluation = TaskPredictorReport.Evaluate(predictor, benchmark);
        var trainAccuracy = TaskPredictorReport.Evaluate(predictor, train, trainEmbeddings).Accuracy;
        var validationAccuracy = TaskPredictorReport.Evaluate(predictor, validation).Accuracy;
        var perTask = tasks.Select((t, i) => (t, i)).ToDictionary(
            p => p.t, p => evaluation.Confusion[p.i][p.i] / (double)Math.Max(1, evaluation.Confusion[p.i].Sum()));
        var folder = Path.GetDirectoryName(Path.GetFullPath(predictorPath))!;
        Directory.CreateDirectory(folder);
        TaskPredictorFile.Save(predictor, predictorPath);
        var report = new TaskPredictorTrainingReport("Split.Benchmark (held-out phrasings and verbs)", evaluation.Accuracy, perTask, evaluation,
            validationAccuracy, trainAccuracy, train.Count, new FileInfo(predictorPath).Length, options)
        {
            Encoder = predictor.Encoder,
            TrainSeconds = Math.Round(trainSeconds, 1),
        };
        File.WriteAllText(ReportPath(predictorPath), JsonSerializer.Serialize(report, Json));
        return report;
    }

    /// <summary>task_predictor.json → task_predictor.report.json.</summary>
    public static string ReportPath(string predictorPath) => Path.ChangeExtension(predictorPath, ".report.json");

    private static List<LabelledInstruction> Instructions(ExampleGenerator generator, IReadOnlyList<string> tasks, Split split, long firstSeed, int perTask, int threads)
    {
        var result = new LabelledInstruction[tasks.Count * perTask];
        Parallel.For(0, result.Length, new ParallelOptions { MaxDegreeOfParallelism = threads }, i =>
        {
            var task = tasks[i / perTask];
            result[i] = new LabelledInstruction(generator.Generate(task, firstSeed + i % perTask, split).Instruction, task);
        });
        return result.ToList();
    }
}
