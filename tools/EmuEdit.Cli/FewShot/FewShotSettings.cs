namespace EmuEdit.Cli.FewShot;

/// <summary>
/// What `emuedit bench fewshot` runs (paper §5.3, Fig. 6): for each unseen task and each example count, task
/// inversion and fine-tuning of every weight on the first N few-shot examples, and zero-shot editing (the
/// predicted built-in task), all scored on the same held-out benchmark examples.
/// </summary>
public sealed record FewShotSettings
{
    public required string ModelFolder { get; init; }

    /// <summary>Tasks the model never trained on (EditTasks.Unseen by default).</summary>
    public required IReadOnlyList<string> Tasks { get; init; }

    /// <summary>Example counts; the examples of a smaller count are the first ones of a larger.</summary>
    public required IReadOnlyList<int> Counts { get; init; }

    /// <summary>Held-out benchmark examples per task, edited by every method.</summary>
    public int HeldOut { get; init; } = 20;

    public int InversionSteps { get; init; } = 300;

    public double InversionLearningRate { get; init; } = 5e-3;

    public int FineTuneSteps { get; init; } = 300;

    /// <summary>AdamW learning rate of every weight (and the new task vector) when fine-tuning.</summary>
    public double FineTuneLearningRate { get; init; } = 1e-5;

    /// <summary>Examples per optimiser step, drawn with replacement, for both learning methods.</summary>
    public int BatchSize { get; init; } = 4;

    /// <summary>Sampler steps of each held-out edit; null = the model's default.</summary>
    public int? SamplerSteps { get; init; }

    /// <summary>Seeds the learning methods and the held-out edits' noise.</summary>
    public long Seed { get; init; }

    /// <summary>Which methods to run (all by default).</summary>
    public IReadOnlyList<string> Methods { get; init; } = FewShotMethods.All;

    public void Validate()
    {
        if (Tasks.Count == 0) throw new ArgumentException("--tasks names no task.");
        if (Counts.Count == 0 || Counts.Any(c => c < 1)) throw new ArgumentException("--counts must be positive example counts.");
        if (HeldOut < 1) throw new ArgumentException("--held-out must be at least 1.");
        if (InversionSteps < 1 || FineTuneSteps < 1) throw new ArgumentException("--inversion-steps and --finetune-steps must be at least 1.");
        if (!(InversionLearningRate > 0) || !(FineTuneLearningRate > 0)) throw new ArgumentException("learning rates must be positive.");
        if (BatchSize < 1) throw new ArgumentException("--batch-size must be at least 1.");
        if (Methods.Count == 0 || Methods.Any(m => !FewShotMethods.All.Contains(m)))
            throw new ArgumentException($"--methods takes {string.Join(", ", FewShotMethods.All)}.");
    }
}

/// <summary>The methods compared, as the report names them.</summary>
public static class FewShotMethods
{
    public const string ZeroShot = "zero-shot";
    public const string Inversion = "inversion";
    public const string FineTune = "finetune";

    public static readonly IReadOnlyList<string> All = [ZeroShot, Inversion, FineTune];
}
