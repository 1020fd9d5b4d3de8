using EmuEdit.Contracts.V1;
using EmuEdit.Model.Training;

namespace EmuEdit.Pipeline.Inversion;

/// <summary>
/// How a task vector is learned: the optimiser's steps, learning rate and batch size, the seed of every
/// random draw, and where the vector starts (<see cref="TaskInitialisation"/>; <see cref="InitialTask"/> names
/// the built-in task for <see cref="TaskInitialisation.Task"/>).
/// </summary>
public sealed record LearnSettings(int Steps, double LearningRate, int BatchSize, long Seed, TaskInitialisation Initialisation, string? InitialTask = null)
{
    /// <summary>The settings a resolved registration job carries (every field set by the gateway).</summary>
    public static LearnSettings FromOptions(InversionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new LearnSettings(options.Steps, options.LearningRate, options.BatchSize, unchecked((long)options.Seed),
            options.Initialisation, string.IsNullOrEmpty(options.InitialTask) ? null : options.InitialTask);
    }

    /// <summary>The model library's options for one run (conditioning dropout on, as in training).</summary>
    public TaskInversionOptions ToInversionOptions()
    {
        var options = new TaskInversionOptions { Steps = Steps, LearningRate = LearningRate, BatchSize = BatchSize, Seed = Seed };
        options.Validate();
        return options;
    }
}
