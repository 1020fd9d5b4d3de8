namespace EmuEdit.Training.Autoencoder;

/// <summary>Settings of an autoencoder run. Seed, batch size and optimiser settings define the run and are kept on resume.</summary>
public sealed record AutoencoderTrainingOptions
{
    /// <summary>Total optimiser steps of the run (a resumed run may raise it).</summary>
    public long Steps { get; init; } = 20_000;

    public int BatchSize { get; init; } = 32;

    /// <summary>AdamW peak learning rate.</summary>
    public double LearningRate { get; init; } = 2e-4;

    /// <summary>Linear warmup from LearningRate/WarmupSteps; short, the autoencoder is stable.</summary>
    public int WarmupSteps { get; init; } = 200;

    /// <summary>
    /// The last Cooldown steps take the learning rate linearly down to zero (0: constant to the end). It may
    /// change on resume, as the editor's does.
    /// </summary>
    public long Cooldown { get; init; }

    public double Beta1 { get; init; } = 0.9;

    public double Beta2 { get; init; } = 0.999;

    public double AdamEpsilon { get; init; } = 1e-8;

    public double WeightDecay { get; init; } = 0.01;

    /// <summary>Defines the data order and the latent sampling noise.</summary>
    public long Seed { get; init; }

    /// <summary>Steps between checkpoints (a kill loses at most this many).</summary>
    public int CheckpointEvery { get; init; } = 500;

    /// <summary>Steps between validation PSNR evaluations.</summary>
    public int EvalEvery { get; init; } = 250;

    /// <summary>Images in the fixed validation batch (Split.Validation, inputs and targets of every task).</summary>
    public int ValidationImages { get; init; } = 64;

    /// <summary>Images (Split.Train, a seed stream of their own) the latent scale is calibrated on.</summary>
    public int CalibrationImages { get; init; } = 256;

    /// <summary>
    /// A model folder whose autoencoder this run starts from, training only its decoder: the encoder and the
    /// latent scale stay exactly as they are, so an editor trained on that autoencoder's latents works with
    /// the new decoder unchanged. Null trains the whole autoencoder from scratch.
    /// </summary>
    public string? DecoderFrom { get; init; }

    /// <summary>
    /// With <see cref="DecoderFrom"/>: residual blocks per decoder level of this run, at least the source's.
    /// More grows the decoder: the source's blocks keep their weights and each added block starts as the
    /// identity (<see cref="Model.Networks.Autoencoder.LoadGrownFrom"/>). Null keeps the source's depth.
    /// </summary>
    public int? DecoderBlocks { get; init; }

    /// <summary>Batches the background loader makes ahead.</summary>
    public int QueueCapacity { get; init; } = 4;

    public void Validate()
    {
        if (Steps <= 0) throw new ArgumentOutOfRangeException(nameof(Steps), Steps, "must be > 0");
        if (BatchSize <= 0) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "must be > 0");
        if (!(LearningRate > 0)) throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "must be > 0");
        if (Cooldown < 0 || Cooldown > Steps) throw new ArgumentOutOfRangeException(nameof(Cooldown), Cooldown, $"must be in [0, steps = {Steps}]");
        if (DecoderBlocks is not null && DecoderFrom is null) throw new ArgumentException("decoder blocks are set only for a decoder fine-tune (--decoder-from)", nameof(DecoderBlocks));
        if (DecoderBlocks is <= 0) throw new ArgumentOutOfRangeException(nameof(DecoderBlocks), DecoderBlocks, "must be > 0");
        if (WarmupSteps < 0) throw new ArgumentOutOfRangeException(nameof(WarmupSteps), WarmupSteps, "must be >= 0");
        if (!(Beta1 >= 0 && Beta1 < 1)) throw new ArgumentOutOfRangeException(nameof(Beta1), Beta1, "must be in [0, 1)");
        if (!(Beta2 >= 0 && Beta2 < 1)) throw new ArgumentOutOfRangeException(nameof(Beta2), Beta2, "must be in [0, 1)");
        if (!(AdamEpsilon > 0)) throw new ArgumentOutOfRangeException(nameof(AdamEpsilon), AdamEpsilon, "must be > 0");
        if (!(WeightDecay >= 0)) throw new ArgumentOutOfRangeException(nameof(WeightDecay), WeightDecay, "must be >= 0");
        if (CheckpointEvery <= 0) throw new ArgumentOutOfRangeException(nameof(CheckpointEvery), CheckpointEvery, "must be > 0");
        if (EvalEvery <= 0) throw new ArgumentOutOfRangeException(nameof(EvalEvery), EvalEvery, "must be > 0");
        if (ValidationImages <= 0) throw new ArgumentOutOfRangeException(nameof(ValidationImages), ValidationImages, "must be > 0");
        if (CalibrationImages < 2) throw new ArgumentOutOfRangeException(nameof(CalibrationImages), CalibrationImages, "must be >= 2");
        if (QueueCapacity <= 0) throw new ArgumentOutOfRangeException(nameof(QueueCapacity), QueueCapacity, "must be > 0");
    }

    /// <summary>The learning rate of the step after <paramref name="completedSteps"/>: warmup, constant, then the cooldown.</summary>
    public double LearningRateAt(long completedSteps)
    {
        var warm = WarmupSteps <= 0 ? 1.0 : Math.Min(1.0, (completedSteps + 1) / (double)WarmupSteps);
        var start = Steps - Cooldown;
        var cool = Cooldown > 0 && completedSteps >= start
            ? Math.Clamp((start + Cooldown - completedSteps) / (double)(Cooldown + 1), 0.0, 1.0)
            : 1.0;
        return LearningRate * Math.Min(warm, cool);
    }
}
