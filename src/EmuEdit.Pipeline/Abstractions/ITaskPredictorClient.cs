namespace EmuEdit.Pipeline.Abstractions;

/// <summary>The task-predictor part: instruction to a probability per task (in process or the task-predictor service).</summary>
public interface ITaskPredictorClient
{
    /// <summary>One guess per instruction, in order.</summary>
    Task<IReadOnlyList<TaskGuess>> PredictAsync(IReadOnlyList<string> instructions, CancellationToken cancellationToken = default);
}
