using EmuEdit.Model.Training;

namespace EmuEdit.Training.Editor;

/// <summary>
/// Settings of an editor run. Conditioning-dropout overrides left null take the config's diffusion
/// section. Everything except the step count and reporting intervals defines the run and is kept on resume.
/// </summary>
public sealed record EditorTrainingOptions
{
    public long Steps { get; init; } = 50_000;

    public int BatchSize { get; init; } = 32;

    /// <summary>Size of the fixed training set: examples per trained task, encoded once into the latent cache.</summary>
    public int ExamplesPerTask { get; init; } = 1000;

    /// <summary>Example j of a task uses Split.Train seed DataSeed + j (as `emuedit data generate --seed`).</summary>
    public long DataSeed { get; init; }

    /// <summary>Seeds the shuffle, the diffusion noise and timesteps, and the untrained initial weights.</summary>
    public long Seed { get; init; }

    public double LearningRate { get; init; } = 1e-4;

    public int WarmupSteps { get; init; } = 500;

    /// <summary>
    /// The last Cooldown steps of the run take the learning rate linearly down to zero (0: constant to the end).
    /// Like <see cref="Steps"/> it may change on resume: a constant-rate run is cooled down by resuming a copy
    /// with the steps and cooldown of the branch.
    /// </summary>
    public long Cooldown { get; init; }

    public double WeightDecay { get; init; } = 0.01;

    public double GradientClipNorm { get; init; } = 1.0;

    public double EmaDecay { get; init; } = 0.999;

    public double? TextDropProbability { get; init; }

    public double? ImageDropProbability { get; init; }

    public double? BothDropProbability { get; init; }

    /// <summary>Set to 1 for the no-task-embedding baseline (the task vector is always zeroed).</summary>
    public double? TaskDropProbability { get; init; }

    /// <summary>
    /// Model folder of a trained editor whose U-Net and task table start this run, and its text head when both
    /// read the same pretrained encoder through the same head (otherwise the text encoder starts fresh, so a
    /// run can move a trained U-Net to a pretrained text encoder); null: fresh weights.
    /// </summary>
    public string? InitFrom { get; init; }

    public int CheckpointEvery { get; init; } = 500;

    /// <summary>Steps between validation-loss evaluations on the fixed validation examples.</summary>
    public int EvalEvery { get; init; } = 250;

    /// <summary>Fixed Split.Validation examples (tasks in turn) the validation loss is measured on.</summary>
    public int ValidationExamples { get; init; } = 64;

    /// <summary>Images per autoencoder forward while filling the latent cache.</summary>
    public int EncodeBatch { get; init; } = 64;

    /// <summary>
    /// With a pretrained text encoder: keep each instruction's frozen token states after its first encoding
    /// (<c>TokenStateCache</c>), since every epoch re-encodes the same instructions. It holds every training and
    /// validation instruction, ~30 KB each with all-MiniLM-L6-v2 (~0.5 GB for the 16,000 of the default set).
    /// A held state depends on its text only, not on the batch that first asked for it; may change on resume.
    /// </summary>
    public bool CacheTokenStates { get; init; } = true;

    public void Validate()
    {
        if (Steps <= 0) throw new ArgumentOutOfRangeException(nameof(Steps), Steps, "must be > 0");
        if (Cooldown < 0 || Cooldown > Steps) throw new ArgumentOutOfRangeException(nameof(Cooldown), Cooldown, $"must be in [0, steps = {Steps}]");
        if (BatchSize <= 0) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "must be > 0");
        if (ExamplesPerTask <= 0) throw new ArgumentOutOfRangeException(nameof(ExamplesPerTask), ExamplesPerTask, "must be > 0");
        if (CheckpointEvery <= 0) throw new ArgumentOutOfRangeException(nameof(CheckpointEvery), CheckpointEvery, "must be > 0");
        if (EvalEvery <= 0) throw new ArgumentOutOfRangeException(nameof(EvalEvery), EvalEvery, "must be > 0");
        if (ValidationExamples <= 0) throw new ArgumentOutOfRangeException(nameof(ValidationExamples), ValidationExamples, "must be > 0");
        if (EncodeBatch <= 0) throw new ArgumentOutOfRangeException(nameof(EncodeBatch), EncodeBatch, "must be > 0");
        ToTrainingOptions().Validate();
    }

    /// <summary>The optimiser, clipping and EMA settings <see cref="EditorTrainer"/> takes.</summary>
    public TrainingOptions ToTrainingOptions() => new()
    {
        LearningRate = LearningRate,
        WarmupSteps = WarmupSteps,
        CooldownStart = Cooldown > 0 ? Steps - Cooldown : null,
        CooldownSteps = Cooldown,
        WeightDecay = WeightDecay,
        GradientClipNorm = GradientClipNorm,
        EmaDecay = EmaDecay,
        Seed = Seed,
    };
}
