namespace EmuEdit.Model.Training;

/// <summary>Optimiser, clipping, EMA and seeding for <see cref="EditorTrainer"/>; set from the <c>emuedit train</c> flags.</summary>
public sealed class TrainingOptions
{
    /// <summary>Peak AdamW learning rate, reached after <see cref="WarmupSteps"/>.</summary>
    public double LearningRate { get; set; } = 1e-4;

    /// <summary>AdamW beta1.</summary>
    public double Beta1 { get; set; } = 0.9;

    /// <summary>AdamW beta2.</summary>
    public double Beta2 { get; set; } = 0.999;

    /// <summary>AdamW epsilon.</summary>
    public double AdamEpsilon { get; set; } = 1e-8;

    /// <summary>AdamW decoupled weight decay.</summary>
    public double WeightDecay { get; set; } = 0.01;

    /// <summary>Steps over which the learning rate rises linearly from LearningRate/WarmupSteps to LearningRate; 0 disables warmup.</summary>
    public int WarmupSteps { get; set; } = 500;

    /// <summary>
    /// Completed steps after which the learning rate falls linearly towards zero over <see cref="CooldownSteps"/>
    /// steps; null keeps it constant after warmup. Warmup-stable-decay: a run trained at a constant rate can be
    /// cooled down from any of its checkpoints, and continued at the constant rate from an earlier one.
    /// </summary>
    public long? CooldownStart { get; set; }

    /// <summary>Length of the cooldown; its last step still takes a small positive rate.</summary>
    public long CooldownSteps { get; set; }

    /// <summary>Global L2 norm gradients are clipped to; 0 or less disables clipping.</summary>
    public double GradientClipNorm { get; set; } = 1.0;

    /// <summary>EMA decay of the weights (shadow = decay·shadow + (1-decay)·weights, once per step).</summary>
    public double EmaDecay { get; set; } = 0.999;

    /// <summary>Seeds the timestep, noise and conditioning-dropout draws of the loss.</summary>
    public long Seed { get; set; }

    /// <summary>The learning rate for the step that follows <paramref name="completedSteps"/> completed steps.</summary>
    public double LearningRateAt(long completedSteps)
    {
        var warm = WarmupSteps <= 0 ? 1.0 : Math.Min(1.0, (completedSteps + 1) / (double)WarmupSteps);
        var cool = CooldownStart is long start && completedSteps >= start
            ? Math.Clamp((start + CooldownSteps - completedSteps) / (double)(CooldownSteps + 1), 0.0, 1.0)
            : 1.0;
        return LearningRate * Math.Min(warm, cool);
    }

    /// <summary>Throws when a value is out of range, naming the option.</summary>
    public void Validate()
    {
        if (!(LearningRate > 0)) throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "must be > 0");
        if (!(Beta1 >= 0 && Beta1 < 1)) throw new ArgumentOutOfRangeException(nameof(Beta1), Beta1, "must be in [0, 1)");
        if (!(Beta2 >= 0 && Beta2 < 1)) throw new ArgumentOutOfRangeException(nameof(Beta2), Beta2, "must be in [0, 1)");
        if (!(AdamEpsilon > 0)) throw new ArgumentOutOfRangeException(nameof(AdamEpsilon), AdamEpsilon, "must be > 0");
        if (!(WeightDecay >= 0)) throw new ArgumentOutOfRangeException(nameof(WeightDecay), WeightDecay, "must be >= 0");
        if (WarmupSteps < 0) throw new ArgumentOutOfRangeException(nameof(WarmupSteps), WarmupSteps, "must be >= 0");
        if (CooldownStart is < 0) throw new ArgumentOutOfRangeException(nameof(CooldownStart), CooldownStart, "must be >= 0");
        if (CooldownStart is not null && CooldownSteps <= 0) throw new ArgumentOutOfRangeException(nameof(CooldownSteps), CooldownSteps, "must be > 0 when a cooldown starts");
        if (!(EmaDecay >= 0 && EmaDecay <= 1)) throw new ArgumentOutOfRangeException(nameof(EmaDecay), EmaDecay, "must be in [0, 1]");
    }
}
