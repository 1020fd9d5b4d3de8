using System.Text.Json;
using EmuEdit.Data.Generation;
using EmuEdit.Data.Tasks;
using EmuEdit.Model;
using EmuEdit.Model.Checkpoints;
using EmuEdit.Model.Configuration;
using EmuEdit.Model.Diffusion;
using EmuEdit.Model.Text;
using EmuEdit.Model.Training;
using EmuEdit.Training.Data;
using EmuEdit.Training.Runs;
using static TorchSharp.torch;

namespace EmuEdit.Training.Editor;

/// <summary>
/// `emuedit train editor`: trains text encoder, U-Net and task table jointly (paper eq. 2) on cached latents
/// of a fixed training set, with the autoencoder frozen. The model folder carries the EMA weights; the
/// state keeps the raw weights, optimiser, EMA and generators, so a resume continues exactly (docs/training.md, "Resume").
/// </summary>
public sealed class EditorRun
{
    private static readonly HashSet<string> Adjustable =
        [nameof(EditorTrainingOptions.Steps), nameof(EditorTrainingOptions.Cooldown), nameof(EditorTrainingOptions.CheckpointEvery),
         nameof(EditorTrainingOptions.EvalEvery), nameof(EditorTrainingOptions.EncodeBatch), nameof(EditorTrainingOptions.CacheTokenStates)];

    // The validation loss draws its timesteps and noise from a generator of its own, fresh at every
    // evaluation, so evaluations compare like with like and never shift the training draws.
    private const long ValidationLossSeed = 20_231_116;

    private EditorRun(RunFolder folder, ModelConfig config, EditorTrainingOptions options, string cacheFolder, bool resuming, IReadOnlyList<string> notes)
    {
        Folder = folder;
        Config = config;
        Options = options;
        CacheFolder = cacheFolder;
        Resuming = resuming;
        Notes = notes;
    }

    public RunFolder Folder { get; }

    /// <summary>The editor's config, its diffusion section holding the dropout probabilities actually used.</summary>
    public ModelConfig Config { get; }

    public EditorTrainingOptions Options { get; }

    /// <summary>Where latents.bin and latents.index.json live (the run folder unless given).</summary>
    public string CacheFolder { get; }

    public bool Resuming { get; }

    public IReadOnlyList<string> Notes { get; }

    public string AutoencoderFolder => Path.Combine(Folder.Root, AutoencoderSnapshot.FolderName);

    /// <summary>
    /// Opens <paramref name="outDir"/>: the resume of the run it holds, or a new run of <paramref name="config"/>
    /// (whose autoencoder section must match the trained autoencoder in <paramref name="autoencoderModel"/>).
    /// </summary>
    public static EditorRun Open(string outDir, string? autoencoderModel, ModelConfig config, EditorTrainingOptions requested, string? cacheFolder = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(requested);
        var folder = new RunFolder(outDir);
        var cache = Path.GetFullPath(cacheFolder ?? folder.Root);
        if (folder.HasState())
        {
            var (storedConfig, stored) = RunSettings.Load<EditorTrainingOptions>(folder.State);
            var notes = RunSettings.Differences(stored, requested, Adjustable).ToList();
            var options = stored with
            {
                Steps = requested.Steps, Cooldown = requested.Cooldown, CheckpointEvery = requested.CheckpointEvery,
                EvalEvery = requested.EvalEvery, EncodeBatch = requested.EncodeBatch, CacheTokenStates = requested.CacheTokenStates,
            };
            options.Validate();
            return new EditorRun(folder, storedConfig, options, cache, resuming: true, notes);
        }

        requested.Validate();
        if (autoencoderModel is null) throw new ArgumentException("a new editor run needs the model folder of a trained autoencoder (--model)");
        var aeConfig = ModelCheckpoint.LoadConfig(autoencoderModel);
        if (!aeConfig.Autoencoder.HasSameEncoder(config.Autoencoder))
            throw new ArgumentException($"the config's autoencoder section differs from the one {autoencoderModel} was trained with ({aeConfig.Name})");
        // The decoder's depth is the autoencoder's own (a grown decoder); it does not change the latents.
        config = config with { Autoencoder = config.Autoencoder with { DecoderResBlocksPerLevel = aeConfig.Autoencoder.DecoderResBlocksPerLevel } };
        var resolved = PinPretrained(WithDropout(config, requested));
        resolved.Validate(resolved.Name);
        if (requested.InitFrom is { } initFrom) CheckInitFrom(initFrom, resolved);
        Directory.CreateDirectory(folder.Root);
        AutoencoderSnapshot.Copy(autoencoderModel, Path.Combine(folder.Root, AutoencoderSnapshot.FolderName));
        return new EditorRun(folder, resolved, requested, cache, resuming: false, []);
    }

    /// <summary>Trains up to <see cref="EditorTrainingOptions.Steps"/>; cancelling stops after the current step and checkpoints.</summary>
    public EditorRunResult Train(ITrainingReporter? reporter = null, CancellationToken cancellation = default)
    {
        reporter ??= SilentReporter.Instance;
        TorchRuntime.Initialise();
        var size = Config.Autoencoder.ImageSize;
        var generator = new ExampleGenerator(new GeneratorOptions().WithSize(size, size));

        using var cache = OpenCache(generator, reporter, cancellation);
        manual_seed(Options.Seed);
        using var model = EmuEditModel.Create(Config, cache.Entries.Select(e => e.Instruction));
        using (var autoencoder = ModelCheckpoint.LoadAutoencoder(AutoencoderFolder))
            model.Autoencoder.load_state_dict(autoencoder.state_dict());
        foreach (var p in model.Autoencoder.parameters()) p.requires_grad = false;
        if (!Resuming && Options.InitFrom is { } initFrom)
        {
            SafetensorsWeights.Load(model.UNet, Path.Combine(initFrom, ModelCheckpoint.UNetWeights));
            SafetensorsWeights.Load(model.Tasks, Path.Combine(initFrom, ModelCheckpoint.TaskTableWeights));
            if (TakesTextHead(initFrom, Config))
            {
                SafetensorsWeights.Load(model.Instructions.Module, Path.Combine(initFrom, ModelCheckpoint.TextEncoderWeights));
                reporter.Message($"U-Net, task table and text head from {initFrom}");
            }
            else
            {
                reporter.Message($"U-Net and task table from {initFrom}; text encoder fresh (its text encoder differs from this run's, or reads a vocabulary)");
            }
        }

        var schedule = new NoiseSchedule(Config.Diffusion);
        using var trainer = new EditorTrainer(model, model.VelocityModel, schedule, Config.Diffusion, Options.ToTrainingOptions());
        if (Resuming)
        {
            trainer.LoadState(Path.Combine(Folder.State, RunStateFiles.Trainer));
            reporter.Message($"resumed {Folder.Root} at step {trainer.StepCount}");
        }
        // Every training and validation instruction, and the null instruction.
        if (Options.CacheTokenStates && model.Instructions.Pretrained is not null)
            model.Instructions.CacheTokenStates(cache.Count + Options.ValidationExamples + 1);
        var words = model.Instructions.Pretrained is { } frozen
            ? $"frozen text encoder {frozen.Name}{(model.Instructions.TokenStates is null ? "" : ", its token states cached")}"
            : $"vocabulary {model.Tokenizer.VocabularySize} ids";
        reporter.Message($"{words}; {TruncatedShare(model, cache):P1} of training instructions fill the {Config.TextEncoder.ContextLength}-token context (possibly truncated)");

        using var validation = ValidationLatents.Create(model, generator, Options.ValidationExamples);
        var sampler = new EpochSampler(cache.Count, Options.BatchSize, Options.Seed);
        using var metrics = new MetricsLog(Folder.Metrics, trainer.StepCount);
        var start = trainer.StepCount;
        var clock = new StepClock(start);
        var stopped = false;
        double? lastLoss = null, lastVal = null, lastValEma = null;
        reporter.Started("editor", start, Options.Steps);
        while (trainer.StepCount < Options.Steps)
        {
            if (cancellation.IsCancellationRequested)
            {
                stopped = true;
                break;
            }
            var step = trainer.StepCount + 1;
            TrainingStepResult result;
            using (var scope = NewDisposeScope())
            {
                var rows = sampler.Rows(step);
                var (input, target) = cache.Latents(rows);
                var instructions = rows.Select(r => cache.Entries[(int)r].Instruction).ToList();
                using var taskIndex = tensor(rows.Select(r => (long)cache.Entries[(int)r].TaskIndex).ToArray(), ScalarType.Int64);
                var conditioning = model.ConditionOnLatents(input, instructions, model.Tasks.TaskVectors(taskIndex), trimPadding: true);
                result = trainer.Step(new DiffusionBatch(target, conditioning));
            }
            lastLoss = result.Loss;
            var rate = clock.StepsPerSecond(step);
            reporter.Stepped(new StepReport(step, Options.Steps, result.Loss, result.LearningRate, rate, clock.Remaining(step, Options.Steps)));
            var line = new Dictionary<string, object?>
            {
                ["step"] = step, ["loss"] = result.Loss, ["grad_norm"] = result.GradientNorm, ["lr"] = result.LearningRate,
                ["epoch"] = (step - 1) / sampler.BatchesPerEpoch, ["steps_per_s"] = Math.Round(rate, 4), ["time"] = DateTimeOffset.UtcNow.ToString("O"),
            };
            if (step % Options.EvalEvery == 0 || step == Options.Steps)
            {
                lastVal = ValidationLoss(model, schedule, validation);
                trainer.Ema.Apply();
                try
                {
                    lastValEma = ValidationLoss(model, schedule, validation);
                }
                finally
                {
                    trainer.Ema.Restore();
                }
                line["val_loss"] = lastVal;
                line["val_loss_ema"] = lastValEma;
                reporter.Message($"step {step}: validation loss {lastVal:F4} (EMA weights {lastValEma:F4})");
                if (model.Instructions.TokenStates is { } held)
                    reporter.Message($"token-state cache: {held.Count:N0} instructions, {held.Floats * sizeof(float) / (1024.0 * 1024.0):F0} MiB");
            }
            metrics.Write(line);
            if (step % Options.CheckpointEvery == 0 && step < Options.Steps) Checkpoint(model, trainer, reporter, PreferRaw(lastVal, lastValEma));
        }
        Checkpoint(model, trainer, reporter, PreferRaw(lastVal, lastValEma));
        return new EditorRunResult(trainer.StepCount, stopped, lastLoss, lastVal, lastValEma);
    }

    // A run on a pretrained text encoder records which one (by the SHA-256 of its graph), so the model
    // it writes refuses a different encoder under the same name.
    private static ModelConfig PinPretrained(ModelConfig config) =>
        config.TextEncoder.Pretrained is null || config.TextEncoder.PretrainedSha256 is not null
            ? config
            : config with
            {
                TextEncoder = config.TextEncoder with { PretrainedSha256 = InstructionEncoder.LocatePretrained(config.TextEncoder).ModelSha256 },
            };

    /// <summary>
    /// A head over the same frozen pretrained encoder learned what this run's head would: it carries on (how a
    /// run continues from shipped weights when the run's own state is gone). A text encoder of its own reads
    /// token ids from a vocabulary built per run, so it starts fresh, as does one of another shape.
    /// </summary>
    private static bool TakesTextHead(string folder, ModelConfig config)
    {
        var source = ModelCheckpoint.LoadConfig(folder).TextEncoder;
        return source.Pretrained is not null && JsonSerializer.Serialize(source) == JsonSerializer.Serialize(config.TextEncoder);
    }

    private static void CheckInitFrom(string folder, ModelConfig config)
    {
        var source = ModelCheckpoint.LoadConfig(folder);
        // What the U-Net's weights mean, not only their shapes: the same latents (the decoder's depth does
        // not change them), the same diffusion target and parameterisation, the same task rows.
        string Meaning(ModelConfig c) => JsonSerializer.Serialize(new
        {
            c.UNet, c.Tasks, Autoencoder = c.Autoencoder with { DecoderResBlocksPerLevel = null }, TextWidth = c.TextEncoder.Width, c.Diffusion.Prediction, c.Diffusion.Target,
        });
        if (Meaning(source) != Meaning(config))
            throw new ArgumentException(
                $"--init-from {folder}: its U-Net, task table, autoencoder, text width or diffusion target ({source.Name}) differ from this run's config ({config.Name}), so its weights cannot start this run");
        if (!ModelCheckpoint.LoadTaskNames(folder).SequenceEqual(BuiltInTasks.Names))
            throw new ArgumentException($"--init-from {folder}: its task table rows are not the built-in tasks in order");
    }

    private LatentCache OpenCache(ExampleGenerator generator, ITrainingReporter reporter, CancellationToken cancellation)
    {
        var key = new LatentCacheKey(Options.ExamplesPerTask, Options.DataSeed, Config.Autoencoder.ImageSize,
            AutoencoderSnapshot.Sha256(AutoencoderFolder), EditTasks.Trained.ToArray());
        var cached = LatentCache.TryLoad(CacheFolder, key);
        if (cached is not null)
        {
            reporter.Message($"latent cache: {cached.Count} examples from {CacheFolder}");
            return cached;
        }
        using var autoencoder = ModelCheckpoint.LoadAutoencoder(AutoencoderFolder);
        return LatentCacheBuilder.Build(CacheFolder, key, autoencoder, generator,
            EditorExamples.TrainingSet(Options.ExamplesPerTask, Options.DataSeed), Options.EncodeBatch, reporter, cancellation);
    }

    private double ValidationLoss(EmuEditModel model, NoiseSchedule schedule, ValidationLatents validation)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        model.eval();
        using var loss = new DiffusionLoss(schedule, Config.Diffusion, ValidationLossSeed);
        var total = 0.0;
        var rows = 0;
        foreach (var (input, target, instructions, tasks) in validation.Chunks(Options.BatchSize))
        {
            var conditioning = model.ConditionOnLatents(input, instructions, model.Tasks.TaskVectors(tasks), trimPadding: true);
            total += loss.Compute(model.VelocityModel, new DiffusionBatch(target, conditioning), applyDropout: false).item<float>() * instructions.Count;
            rows += instructions.Count;
        }
        model.train();
        return total / rows;
    }

    /// <summary>
    /// Early in a run the average still holds much of the random initialisation (0.999^1000 = 37%), so
    /// it validates worse than the weights it averages; the model folder then gets the raw weights.
    /// </summary>
    private static bool PreferRaw(double? validation, double? validationEma) =>
        validation is double raw && validationEma is double ema && raw < ema;

    private void Checkpoint(EmuEditModel model, EditorTrainer trainer, ITrainingReporter reporter, bool raw)
    {
        // Inference loads the model folder, so it gets the weights that validate better (the averaged
        // ones once they have caught up); the raw ones always live in the state.
        if (raw)
        {
            AtomicFolder.Replace(Folder.Model, temp => ModelCheckpoint.Save(model, temp));
        }
        else
        {
            trainer.Ema.Apply();
            try
            {
                AtomicFolder.Replace(Folder.Model, temp => ModelCheckpoint.Save(model, temp));
            }
            finally
            {
                trainer.Ema.Restore();
            }
        }
        AtomicFolder.Replace(Folder.State, temp =>
        {
            trainer.SaveState(Path.Combine(temp, RunStateFiles.Trainer));
            RunSettings.Save(temp, Config, Options);
        });
        reporter.Message($"checkpoint at step {trainer.StepCount} in {Folder.Root} (model folder: {(raw ? "raw" : "EMA")} weights)");
    }

    private static double TruncatedShare(EmuEditModel model, LatentCache cache)
    {
        // The last position is only used when the instruction reaches the limit, i.e. when it may be cut.
        var limit = model.Config.TextEncoder.ContextLength;
        var truncated = model.Instructions.Pretrained is { } frozen
            ? cache.Entries.Count(e => frozen.Tokenize(e.Instruction).Count >= limit)
            : cache.Entries.Count(e => model.Tokenizer.Encode(e.Instruction).Mask[^1]);
        return cache.Count == 0 ? 0 : truncated / (double)cache.Count;
    }

    private static ModelConfig WithDropout(ModelConfig config, EditorTrainingOptions options)
    {
        // A copy, so the caller's config object keeps its own values.
        var copy = ModelConfig.Parse(config.ToJson(), config.Name);
        var d = copy.Diffusion;
        d.TextDropProbability = options.TextDropProbability ?? d.TextDropProbability;
        d.ImageDropProbability = options.ImageDropProbability ?? d.ImageDropProbability;
        d.BothDropProbability = options.BothDropProbability ?? d.BothDropProbability;
        d.TaskDropProbability = options.TaskDropProbability ?? d.TaskDropProbability;
        d.Validate();
        return copy;
    }
}
