namespace EmuEdit.Pipeline.Abstractions;

/// <summary>The predictor's answer for one instruction: every task with its probability, most probable first.</summary>
public sealed record TaskGuess(IReadOnlyList<TaskLikelihood> Ranked)
{
    /// <summary>The most probable task.</summary>
    public string Task => Ranked[0].Task;

    /// <summary>Its probability.</summary>
    public float Probability => Ranked[0].Probability;
}

/// <summary>One task and the predictor's probability for it.</summary>
public readonly record struct TaskLikelihood(string Task, float Probability);
