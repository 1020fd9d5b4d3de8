using System.CommandLine;
using EmuEdit.Cli.Training;
using EmuEdit.Model.Configuration;
using EmuEdit.Training.Autoencoder;
using EmuEdit.Training.Editor;
using EmuEdit.Training.TaskPredictor;
using EmuEdit.TaskPrediction;

namespace EmuEdit.Cli;

/// <summary>`emuedit train ...`: thin wrappers over the training loops in EmuEdit.Training.</summary>
public static class TrainCommands
{
    public static Command Create()
    {
        var train = new Command("train", "Train the autoencoder, the editor and the task predictor (see docs/training.md).");
        train.Subcommands.Add(Autoencoder());
        train.Subcommands.Add(Editor());
        train.Subcommands.Add(TaskPredictor());
        return train;
    }

    private static Option<int> LogEveryOption() => new("--log-every")
    {
        Description = "Steps between log lines when the output is not a terminal.",
        DefaultValueFactory = _ => 50,
    };

    private static Command Autoencoder()
    {
        var defaults = new AutoencoderTrainingOptions();
        var config = new Option<string>("--config") { Description = "Preset (tiny, tiny-residual, tiny-minilm, large) or config JSON path.", DefaultValueFactory = _ => "tiny" };
        var output = new Option<DirectoryInfo>("--out") { Description = "Run folder (model/, state/, metrics.jsonl); a folder with state is resumed.", Required = true };
        var steps = new Option<long>("--steps") { Description = "Total steps of the run (may be raised on resume).", DefaultValueFactory = _ => defaults.Steps };
        var batch = new Option<int>("--batch") { Description = "Images per step.", DefaultValueFactory = _ => defaults.BatchSize };
        var lr = new Option<double>("--lr") { Description = "AdamW learning rate.", DefaultValueFactory = _ => defaults.LearningRate };
        var warmup = new Option<int>("--warmup") { Description = "Linear learning-rate warmup steps.", DefaultValueFactory = _ => defaults.WarmupSteps };
        var seed = new Option<long>("--seed") { Description = "Seed of the data order and latent noise.", DefaultValueFactory = _ => defaults.Seed };
        var checkpointEvery = new Option<int>("--checkpoint-every") { Description = "Steps between checkpoints.", DefaultValueFactory = _ => defaults.CheckpointEvery };
        var evalEvery = new Option<int>("--eval-every") { Description = "Steps between validation PSNR evaluations.", DefaultValueFactory = _ => defaults.EvalEvery };
        var resume = new Option<bool>("--resume") { Description = "Require state in --out to resume from (a folder with state is resumed anyway)." };
        var logEvery = LogEveryOption();
        var decoderFrom = new Option<DirectoryInfo?>("--decoder-from")
        {
            Description = "Fine-tune only the decoder of the autoencoder in this model folder: encoder and latent scale stay, so an editor trained on its latents works with the new decoder.",
        };
        var decoderBlocks = new Option<int?>("--decoder-blocks")
        {
            Description = "With --decoder-from: residual blocks per decoder level, at least the source's. More grows the decoder; the added blocks start as identities, so training starts from the source's reconstructions.",
        };
        var cooldown = new Option<long>("--cooldown")
        {
            Description = "The last N steps take the learning rate linearly to zero (0: constant); may change on resume.",
            DefaultValueFactory = _ => defaults.Cooldown,
        };
        var cmd = new Command("autoencoder", "Train the autoencoder on images generated on the fly (inputs and targets of the 16 trained tasks).")
        {
            config, output, steps, batch, lr, warmup, cooldown, seed, checkpointEvery, evalEvery, resume, logEvery, decoderFrom, decoderBlocks,
        };
        cmd.SetAction(parse => Guarded(() =>
        {
            var requested = defaults with
            {
                Steps = parse.GetValue(steps),
                BatchSize = parse.GetValue(batch),
                LearningRate = parse.GetValue(lr),
                WarmupSteps = parse.GetValue(warmup),
                Seed = parse.GetValue(seed),
                CheckpointEvery = parse.GetValue(checkpointEvery),
                EvalEvery = parse.GetValue(evalEvery),
                DecoderFrom = parse.GetValue(decoderFrom)?.FullName,
                DecoderBlocks = parse.GetValue(decoderBlocks),
                Cooldown = parse.GetValue(cooldown),
            };
            var run = AutoencoderRun.Open(parse.GetValue(output)!.FullName, ConfigArgument.Resolve(parse.GetValue(config)!), requested);
            if (parse.GetValue(resume) && !run.Resuming)
                throw new ArgumentException($"--resume: {run.Folder.Root} holds no state to resume from");
            foreach (var note in run.Notes) Console.Error.WriteLine($"note: {note}");
            using var signals = new StopSignals();
            var result = LiveReporter.Run(parse.GetValue(logEvery), reporter => run.Train(reporter, signals.Token));
            Console.WriteLine(result.Stopped
                ? $"stopped at step {result.Step}; state saved, run the same command to continue"
                : $"done: step {result.Step}, validation PSNR {result.LastPsnr:F2} dB, latent scale {result.LatentScale:F4}; model in {run.Folder.Model}");
            return 0;
        }));
        return cmd;
    }

    private static Command Editor()
    {
        var defaults = new EditorTrainingOptions();
        var model = new Option<DirectoryInfo>("--model") { Description = "Model folder with the trained autoencoder (e.g. RUN/model of `train autoencoder`); not needed to resume." };
        var config = new Option<string>("--config") { Description = "Preset or config JSON for the editor; its autoencoder section must match --model's.", DefaultValueFactory = _ => "tiny" };
        var output = new Option<DirectoryInfo>("--out") { Description = "Run folder (model/, state/, autoencoder/, latents.*, metrics.jsonl); a folder with state is resumed.", Required = true };
        var cache = new Option<DirectoryInfo>("--latent-cache") { Description = "Folder of latents.bin to reuse or write (default: --out)." };
        var steps = new Option<long>("--steps") { Description = "Total steps of the run (may be raised on resume).", DefaultValueFactory = _ => defaults.Steps };
        var batch = new Option<int>("--batch") { Description = "Examples per step.", DefaultValueFactory = _ => defaults.BatchSize };
        var perTask = new Option<int>("--examples-per-task") { Description = "Fixed training set size per trained task (encoded once).", DefaultValueFactory = _ => defaults.ExamplesPerTask };
        var dataSeed = new Option<long>("--data-seed") { Description = "First Split.Train seed of the training set.", DefaultValueFactory = _ => defaults.DataSeed };
        var seed = new Option<long>("--seed") { Description = "Seed of the shuffle, diffusion draws and initial weights.", DefaultValueFactory = _ => defaults.Seed };
        var lr = new Option<double>("--lr") { Description = "AdamW learning rate.", DefaultValueFactory = _ => defaults.LearningRate };
        var warmup = new Option<int>("--warmup") { Description = "Linear learning-rate warmup steps.", DefaultValueFactory = _ => defaults.WarmupSteps };
        var ema = new Option<double>("--ema-decay") { Description = "EMA decay of the exported weights.", DefaultValueFactory = _ => defaults.EmaDecay };
        var cooldown = new Option<long>("--cooldown")
        {
            Description = "The last N steps take the learning rate linearly to zero (0: constant); may change on resume, to cool down a copy of a constant-rate run.",
            DefaultValueFactory = _ => defaults.Cooldown,
        };
        var textDrop = new Option<double?>("--text-drop") { Description = "Probability a row loses its instruction (default: config diffusion section)." };
        var imageDrop = new Option<double?>("--image-drop") { Description = "Probability a row loses its input image (default: config)." };
        var bothDrop = new Option<double?>("--both-drop") { Description = "Probability a row loses both (default: config)." };
        var taskDrop = new Option<double?>("--task-drop") { Description = "Probability a row's task vector is zeroed; 1 = no-task-embedding baseline (default: config)." };
        var checkpointEvery = new Option<int>("--checkpoint-every") { Description = "Steps between checkpoints.", DefaultValueFactory = _ => defaults.CheckpointEvery };
        var evalEvery = new Option<int>("--eval-every") { Description = "Steps between validation-loss evaluations.", DefaultValueFactory = _ => defaults.EvalEvery };
        var resume = new Option<bool>("--resume") { Description = "Require state in --out to resume from (a folder with state is resumed anyway)." };
        var initFrom = new Option<DirectoryInfo?>("--init-from")
        {
            Description = "Model folder of a trained editor whose U-Net and task table start a new run, and its text head when both read the same pretrained encoder through the same head, i.e. equal textEncoder sections (otherwise the text encoder starts fresh, e.g. to move to a pretrained one).",
        };
        var noTokenStateCache = new Option<bool>("--no-token-state-cache")
        {
            Description = "With a pretrained text encoder, run it on every step instead of keeping each instruction's token states (memory: ~30 KB an instruction).",
        };
        var logEvery = LogEveryOption();
        var cmd = new Command("editor", "Train text encoder, U-Net and task table jointly (paper eq. 2) on cached latents, autoencoder frozen.")
        {
            model, config, output, cache, steps, batch, perTask, dataSeed, seed, lr, warmup, cooldown, ema, textDrop, imageDrop, bothDrop, taskDrop,
            checkpointEvery, evalEvery, resume, initFrom, noTokenStateCache, logEvery,
        };
        cmd.SetAction(parse => Guarded(() =>
        {
            var requested = defaults with
            {
                Steps = parse.GetValue(steps), BatchSize = parse.GetValue(batch), ExamplesPerTask = parse.GetValue(perTask),
                DataSeed = parse.GetValue(dataSeed), Seed = parse.GetValue(seed), LearningRate = parse.GetValue(lr),
                WarmupSteps = parse.GetValue(warmup), Cooldown = parse.GetValue(cooldown), EmaDecay = parse.GetValue(ema),
                TextDropProbability = parse.GetValue(textDrop), ImageDropProbability = parse.GetValue(imageDrop),
                BothDropProbability = parse.GetValue(bothDrop), TaskDropProbability = parse.GetValue(taskDrop),
                CheckpointEvery = parse.GetValue(checkpointEvery), EvalEvery = parse.GetValue(evalEvery),
                InitFrom = parse.GetValue(initFrom)?.FullName, CacheTokenStates = !parse.GetValue(noTokenStateCache),
            };
            var run = EditorRun.Open(parse.GetValue(output)!.FullName, parse.GetValue(model)?.FullName,
                ConfigArgument.Resolve(parse.GetValue(config)!), requested, parse.GetValue(cache)?.FullName);
            if (parse.GetValue(resume) && !run.Resuming)
                throw new ArgumentException($"--resume: {run.Folder.Root} holds no state to resume from");
            foreach (var note in run.Notes) Console.Error.WriteLine($"note: {note}");
            using var signals = new StopSignals();
            try
            {
                var result = LiveReporter.Run(parse.GetValue(logEvery), reporter => run.Train(reporter, signals.Token));
                Console.WriteLine(result.Stopped
                    ? $"stopped at step {result.Step}; state saved, run the same command to continue"
                    : $"done: step {result.Step}, validation loss {result.LastValidationLoss:F4} (EMA {result.LastValidationLossEma:F4}); model in {run.Folder.Model}");
            }
            catch (OperationCanceledException)
            {
                Console.Error.WriteLine("stopped while building the latent cache (nothing trained yet); run the same command to start again");
                return 130;
            }
            return 0;
        }));
        return cmd;
    }

    /// <summary>The --encoder value that trains an n-gram-only predictor.</summary>
    private const string NoEncoder = "none";

    private static Command TaskPredictor()
    {
        var defaults = new TaskPredictorTrainingOptions();
        var features = new FeatureOptions();
        var trainer = new TrainerOptions();
        var output = new Option<FileInfo>("--out") { Description = "Predictor file (e.g. models/default/task_predictor.json); the report goes beside it as .report.json.", Required = true };
        var perTask = new Option<int>("--per-task") { Description = "Split.Train instructions per task.", DefaultValueFactory = _ => defaults.PerTask };
        var benchmark = new Option<int>("--benchmark-per-task") { Description = "Held-out (Split.Benchmark) instructions per task to evaluate on.", DefaultValueFactory = _ => defaults.BenchmarkPerTask };
        var epochs = new Option<int>("--epochs") { Description = "SGD epochs.", DefaultValueFactory = _ => trainer.Epochs };
        var minCount = new Option<int>("--min-feature-count") { Description = "Drop features seen fewer times.", DefaultValueFactory = _ => trainer.MinFeatureCount };
        var wordNgram = new Option<int>("--max-word-ngram") { Description = "Word n-grams up to this length.", DefaultValueFactory = _ => features.MaxWordNgram };
        var minChar = new Option<int>("--min-char-ngram") { Description = "Shortest character n-gram.", DefaultValueFactory = _ => features.MinCharNgram };
        var maxChar = new Option<int>("--max-char-ngram") { Description = "Longest character n-gram.", DefaultValueFactory = _ => features.MaxCharNgram };
        var encoder = new Option<string>("--encoder")
        {
            Description = "Frozen sentence encoder under encoders/ beside the binaries, or 'none' for n-grams only.",
            DefaultValueFactory = _ => defaults.Encoder ?? NoEncoder,
        };
        var lr = new Option<float>("--lr") { Description = "SGD step size (decays linearly to 0).", DefaultValueFactory = _ => trainer.LearningRate };
        var ngramDropout = new Option<double>("--ngram-dropout")
        {
            Description = "Chance per step of hiding the n-grams so the embedding learns alone.", DefaultValueFactory = _ => trainer.Embedding.NgramDropout,
        };
        var embeddingScale = new Option<float>("--embedding-scale") { Description = "Weight of the unit-length embedding.", DefaultValueFactory = _ => trainer.Embedding.Scale };
        var cmd = new Command("task-predictor", "Train the task predictor (n-grams + a frozen sentence embedding) on training phrasings and report held-out accuracy.")
        {
            output, perTask, benchmark, epochs, minCount, wordNgram, minChar, maxChar, encoder, lr, ngramDropout, embeddingScale,
        };
        cmd.SetAction(parse => Guarded(() =>
        {
            var options = defaults with
            {
                PerTask = parse.GetValue(perTask),
                BenchmarkPerTask = parse.GetValue(benchmark),
                Encoder = parse.GetValue(encoder) is { } name && name != NoEncoder ? name : null,
                Trainer = trainer with
                {
                    Epochs = parse.GetValue(epochs),
                    LearningRate = parse.GetValue(lr),
                    Embedding = trainer.Embedding with { NgramDropout = parse.GetValue(ngramDropout), Scale = parse.GetValue(embeddingScale) },
                    MinFeatureCount = parse.GetValue(minCount),
                    Features = features with
                    {
                        MaxWordNgram = parse.GetValue(wordNgram), MinCharNgram = parse.GetValue(minChar), MaxCharNgram = parse.GetValue(maxChar),
                    },
                },
            };
            var path = parse.GetValue(output)!.FullName;
            var report = TaskPredictorRun.Run(path, options, Console.WriteLine);
            Console.WriteLine($"held-out accuracy {report.Accuracy:P2} on {report.Evaluation.Count} instructions (training phrasings, unseen seeds: {report.ValidationAccuracy:P2}; train {report.TrainAccuracy:P2}); {report.FileBytes / 1024.0:F0} KiB; fitted in {report.TrainSeconds:F0} s");
            foreach (var (task, accuracy) in report.PerTaskAccuracy.Where(p => p.Value < 1)) Console.WriteLine($"  {task}: {accuracy:P1}");
            Console.WriteLine($"wrote {path} and {TaskPredictorRun.ReportPath(path)}");
            return 0;
        }));
        return cmd;
    }

    /// <summary>Bad arguments end with one clear line, not a stack trace.</summary>
    private static int Guarded(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidDataException or ModelConfigException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 2;
        }
    }
}
