namespace EmuEdit.Model.Training;

/// <summary>Task inversion (paper eq. 3): what one registration asks for (docs/diffusion.md, "Options", says where each comes from).</summary>
public sealed class TaskInversionOptions
{
    /// <summary>Optimiser steps on v_new.</summary>
    public int Steps { get; set; } = 300;

    /// <summary>Adam learning rate for v_new.</summary>
    public double LearningRate { get; set; } = 5e-3;

    /// <summary>Examples per step, drawn with replacement from the few given.</summary>
    public int BatchSize { get; set; } = 4;

    /// <summary>Seeds example choice, timesteps, noise and dropout: same inputs and seed give the same vector.</summary>
    public long Seed { get; set; }

    /// <summary>
    /// Use the training loss's conditioning dropout (text, image, both; never the task). On by default:
    /// the sampler feeds the task vector to the unconditional guidance rows too, so v_new should learn them.
    /// </summary>
    public bool ConditioningDropout { get; set; } = true;

    /// <summary>Throws when a value is out of range, naming the option.</summary>
    public void Validate()
    {
        if (Steps < 1) throw new ArgumentOutOfRangeException(nameof(Steps), Steps, "must be >= 1");
        if (!(LearningRate > 0)) throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "must be > 0");
        if (BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "must be >= 1");
    }
}
