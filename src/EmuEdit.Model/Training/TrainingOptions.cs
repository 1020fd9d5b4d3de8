namespace EmuEdit.Model.Training;

/// <summary>Optimiser, clipping, EMA and seeding for <see cref="EditorTrainer"/>; bound from the <c>Training</c> section.</summary>
public sealed class TrainingOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Training";

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

    /// <summary>Global L2 norm gradients are clipped to; 0 or less disables clipping.</summary>
    public double GradientClipNorm { get; set; } = 1.0;

    /// <summary>EMA decay of the weights (shadow = decay·shadow + (1-decay)·weights, once per step).</summary>
    public double EmaDecay { get; set; } = 0.999;

    /// <summary>Seeds the timestep, noise and conditioning-dropout draws of the loss.</summary>
    public long Seed { get; set; }

    /// <summary>The learning rate for the step that follows <paramref name="completedSteps"/> completed steps.</summary>
    public double LearningRateAt(long completedSteps) =>
        WarmupSteps <= 0 ? LearningRate : LearningRate * Math.Min(1.0, (completedSteps + 1) / (double)WarmupSteps);

    /// <summary>Throws when a value is out of range, naming the option.</summary>
    public void Validate()
    {
        if (!(LearningRate > 0)) throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "must be > 0");
        if (!(Beta1 >= 0 && Beta1 < 1)) throw new ArgumentOutOfRangeException(nameof(Beta1), Beta1, "must be in [0, 1)");
        if (!(Beta2 >= 0 && Beta2 < 1)) throw new ArgumentOutOfRangeException(nameof(Beta2), Beta2, "must be in [0, 1)");
        if (!(AdamEpsilon > 0)) throw new ArgumentOutOfRangeException(nameof(AdamEpsilon), AdamEpsilon, "must be > 0");
        if (!(WeightDecay >= 0)) throw new ArgumentOutOfRangeException(nameof(WeightDecay), WeightDecay, "must be >= 0");
        if (WarmupSteps < 0) throw new ArgumentOutOfRangeException(nameof(WarmupSteps), WarmupSteps, "must be >= 0");
        if (!(EmaDecay >= 0 && EmaDecay <= 1)) throw new ArgumentOutOfRangeException(nameof(EmaDecay), EmaDecay, "must be in [0, 1]");
    }
}
