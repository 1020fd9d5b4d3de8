using EmuEdit.Model;
using EmuEdit.Model.Checkpoints;
using EmuEdit.Model.Configuration;
using EmuEdit.Training.Data;
using EmuEdit.Training.Runs;
using static TorchSharp.torch;

namespace EmuEdit.Training.Autoencoder;

/// <summary>
/// `emuedit train autoencoder`: trains the autoencoder of <see cref="Config"/> on images generated on the
/// fly, evaluates validation PSNR, and checkpoints the model folder and the resumable state atomically.
/// A folder that already holds state is resumed at its exact step.
/// </summary>
public sealed class AutoencoderRun
{
    // A resume may extend the run or change how often it reports; everything else defines the run.
    private static readonly HashSet<string> Adjustable =
        [nameof(AutoencoderTrainingOptions.Steps), nameof(AutoencoderTrainingOptions.Cooldown), nameof(AutoencoderTrainingOptions.CheckpointEvery),
         nameof(AutoencoderTrainingOptions.EvalEvery), nameof(AutoencoderTrainingOptions.QueueCapacity)];

    // Validation and calibration run in chunks so their activations stay small next to a training batch.
    private const int EvaluationChunk = 32;

    private AutoencoderRun(RunFolder folder, ModelConfig config, AutoencoderTrainingOptions options, bool resuming, IReadOnlyList<string> notes)
    {
        Folder = folder;
        Config = config;
        Options = options;
        Resuming = resuming;
        Notes = notes;
    }

    public RunFolder Folder { get; }

    public ModelConfig Config { get; }

    public AutoencoderTrainingOptions Options { get; }

    /// <summary>True when the folder held state: the run continues from it with its stored settings.</summary>
    public bool Resuming { get; }

    /// <summary>Requested settings a resume ignored.</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>Opens <paramref name="outDir"/>: a new run with these settings, or the resume of the run it holds.</summary>
    public static AutoencoderRun Open(string outDir, ModelConfig config, AutoencoderTrainingOptions requested)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(requested);
        var folder = new RunFolder(outDir);
        if (!folder.HasState())
        {
            config.Validate(config.Name);
            requested.Validate();
            if (requested.DecoderFrom is { } from)
            {
                var (fromConfig, full) = (ModelCheckpoint.LoadConfig(from), Path.GetFullPath(from));
                var source = fromConfig.Autoencoder;
                if (!source.HasSameEncoder(config.Autoencoder))
                    throw new ModelConfigException($"--decoder-from {from}: its autoencoder section differs from config '{config.Name}'; a decoder fine-tune keeps the encoder's architecture.");
                // The depth comes from --decoder-blocks, else from the requested config when it names one, else the source's.
                var configured = config.Autoencoder.DecoderResBlocksPerLevel;
                if (requested.DecoderBlocks is { } asked && configured is { } named && asked != named)
                    throw new ModelConfigException($"--decoder-blocks {asked}: config '{config.Name}' asks for decoderResBlocksPerLevel {named}; give one of them.");
                var blocks = requested.DecoderBlocks ?? configured ?? source.DecoderBlocksPerLevel;
                if (blocks < source.DecoderBlocksPerLevel)
                    throw new ModelConfigException($"{(requested.DecoderBlocks is null ? $"config '{config.Name}' decoderResBlocksPerLevel" : "--decoder-blocks")} {blocks}: the decoder of {from} has {source.DecoderBlocksPerLevel} blocks per level; a fine-tune may add blocks, not remove them.");
                // The run's decoder depth is the source's or the grown one; the encoder is the source's.
                config = config with { Autoencoder = source with { DecoderResBlocksPerLevel = blocks == source.ResBlocksPerLevel ? null : blocks } };
                config.Validate(config.Name);
                requested = requested with { DecoderFrom = full };
            }
            return new AutoencoderRun(folder, config, requested, resuming: false, []);
        }
        var (storedConfig, stored) = RunSettings.Load<AutoencoderTrainingOptions>(folder.State);
        var notes = RunSettings.Differences(stored, requested, Adjustable).ToList();
        // A decoder fine-tune stores its own decoder depth (grown or the source's), not the requested config's.
        var compared = stored.DecoderFrom is null ? config : config with { Autoencoder = config.Autoencoder with { DecoderResBlocksPerLevel = storedConfig.Autoencoder.DecoderResBlocksPerLevel } };
        if (storedConfig.ToJson() != compared.ToJson())
            notes.Add($"config: the run was started with config '{storedConfig.Name}' (state/config.json); the requested one is ignored on resume");
        var options = stored with
        {
            Steps = requested.Steps,
            Cooldown = requested.Cooldown,
            CheckpointEvery = requested.CheckpointEvery,
            EvalEvery = requested.EvalEvery,
            QueueCapacity = requested.QueueCapacity,
        };
        options.Validate();
        return new AutoencoderRun(folder, storedConfig, options, resuming: true, notes);
    }

    /// <summary>Trains up to <see cref="AutoencoderTrainingOptions.Steps"/>; cancelling stops after the current step and checkpoints.</summary>
    public AutoencoderRunResult Train(ITrainingReporter? reporter = null, CancellationToken cancellation = default)
    {
        reporter ??= SilentReporter.Instance;
        TorchRuntime.Initialise();
        Directory.CreateDirectory(Folder.Root);
        var size = Config.Autoencoder.ImageSize;

        // The parts this run does not train are saved as initialised; seeding makes them the same on resume.
        manual_seed(Options.Seed);
        using var model = EmuEditModel.Create(Config, []);
        if (Options.DecoderFrom is { } from)
        {
            if (!Resuming)
            {
                using var initial = ModelCheckpoint.LoadAutoencoder(from);
                model.Autoencoder.LoadGrownFrom(initial);
                var (had, has) = (initial.Options.DecoderBlocksPerLevel, Config.Autoencoder.DecoderBlocksPerLevel);
                var grown = had == has ? "" : $", decoder grown from {had} to {has} blocks per level, the added ones starting as identities";
                reporter.Message($"decoder fine-tune of {from} (latent scale {model.Autoencoder.LatentScale:F4}, kept{grown})");
            }
            // Before the trainer exists, so its optimiser holds the decoder alone, on resume as at the start.
            model.Autoencoder.FreezeEncoder();
        }
        using var trainer = new AutoencoderTrainer(model.Autoencoder, Options);
        if (Resuming)
        {
            trainer.LoadState(Path.Combine(Folder.State, RunStateFiles.Trainer));
            reporter.Message($"resumed {Folder.Root} at step {trainer.StepCount}");
        }

        var images = new AutoencoderImages(size, Options.Seed);
        using var validation = ImageTensors.ToTensor(images.ValidationImages(Options.ValidationImages), Options.ValidationImages, size, size);
        using var calibration = ImageTensors.ToTensor(images.CalibrationImages(Options.CalibrationImages), Options.CalibrationImages, size, size);
        using var metrics = new MetricsLog(Folder.Metrics, trainer.StepCount);

        var start = trainer.StepCount;
        var stopped = false;
        double? lastLoss = null, lastPsnr = null;
        var clock = new StepClock(start);
        reporter.Started("autoencoder", start, Options.Steps);
        if (start < Options.Steps)
        {
            using var batches = new BackgroundBatches<float[]>(start + 1, Options.Steps, step => images.TrainBatch(step, Options.BatchSize), Options.QueueCapacity);
            while (trainer.StepCount < Options.Steps)
            {
                if (cancellation.IsCancellationRequested)
                {
                    stopped = true;
                    break;
                }
                var step = trainer.StepCount + 1;
                AutoencoderStepResult result;
                using (var x = ImageTensors.ToTensor(batches.Take(step), Options.BatchSize, size, size))
                    result = trainer.Step(x);
                lastLoss = result.Loss;
                var rate = clock.StepsPerSecond(step);
                reporter.Stepped(new StepReport(step, Options.Steps, result.Loss, result.LearningRate, rate, clock.Remaining(step, Options.Steps)));

                var line = new Dictionary<string, object?>
                {
                    ["step"] = step, ["loss"] = result.Loss, ["reconstruction"] = result.Reconstruction, ["kl"] = result.Kl,
                    ["lr"] = result.LearningRate, ["steps_per_s"] = Math.Round(rate, 4), ["time"] = DateTimeOffset.UtcNow.ToString("O"),
                };
                if (step % Options.EvalEvery == 0 || step == Options.Steps)
                {
                    lastPsnr = trainer.ValidationPsnr(validation, EvaluationChunk);
                    line["psnr"] = Math.Round(lastPsnr.Value, 3);
                    reporter.Message($"step {step}: validation PSNR {lastPsnr:F2} dB (loss {result.Loss:F4})");
                }
                metrics.Write(line);
                if (step % Options.CheckpointEvery == 0 && step < Options.Steps) Checkpoint(model, trainer, calibration, reporter);
            }
        }
        var scale = Checkpoint(model, trainer, calibration, reporter);
        return new AutoencoderRunResult(trainer.StepCount, stopped, lastLoss, lastPsnr, scale);
    }

    private double Checkpoint(EmuEditModel model, AutoencoderTrainer trainer, Tensor calibration, ITrainingReporter reporter)
    {
        // The scale is a buffer the loss never reads, so calibrating does not change what training does next.
        // A decoder fine-tune keeps the scale it started from: the editor's latents were made with it.
        double scale = model.Autoencoder.LatentScale;
        if (Options.DecoderFrom is null)
        {
            using var _ = no_grad();
            model.Autoencoder.eval();
            scale = Calibrate(model, calibration);
            model.Autoencoder.train();
        }
        AtomicFolder.Replace(Folder.Model, temp => ModelCheckpoint.Save(model, temp));
        AtomicFolder.Replace(Folder.State, temp =>
        {
            trainer.SaveState(Path.Combine(temp, RunStateFiles.Trainer));
            RunSettings.Save(temp, Config, Options);
        });
        reporter.Message($"checkpoint at step {trainer.StepCount} (latent scale {scale:F4}) in {Folder.Root}");
        return scale;
    }

    private static double Calibrate(EmuEditModel model, Tensor images)
    {
        // 1/std over the means of every calibration image, computed chunk by chunk.
        using var scope = NewDisposeScope();
        var means = images.split(EvaluationChunk).Select(part => model.Autoencoder.EncodeDistribution(part).Mean).ToList();
        var std = cat(means, 0).std().item<float>();
        var scale = 1.0 / std;
        model.Autoencoder.SetLatentScale(scale);
        return scale;
    }
}
