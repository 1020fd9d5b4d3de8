using EmuEdit.Pipeline.Abstractions;
using EmuEdit.TaskPrediction;

namespace EmuEdit.Pipeline.InProcess;

/// <summary>The task predictor run in this process (the classifier is cheap: no batching or offloading needed).</summary>
public sealed class InProcessTaskPredictor(TaskPredictor predictor) : ITaskPredictorClient
{
    /// <summary>The file in a model folder that holds the trained predictor.</summary>
    public const string FileName = "task_predictor.json";

    private readonly TaskPredictor _predictor = predictor ?? throw new ArgumentNullException(nameof(predictor));

    /// <summary>Loads <see cref="FileName"/> from a model folder.</summary>
    public static InProcessTaskPredictor Load(string modelFolder)
    {
        var path = Path.Combine(modelFolder, FileName);
        if (!File.Exists(path)) throw new FileNotFoundException($"Model folder {modelFolder} has no {FileName}.", path);
        return new InProcessTaskPredictor(TaskPredictorFile.Load(path));
    }

    /// <summary>The tasks the predictor knows.</summary>
    public IReadOnlyList<string> Tasks => _predictor.Tasks;

    public Task<IReadOnlyList<TaskGuess>> PredictAsync(IReadOnlyList<string> instructions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instructions);
        var guesses = new TaskGuess[instructions.Count];
        for (var i = 0; i < instructions.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            guesses[i] = Rank(_predictor.Predict(instructions[i]));
        }
        return Task.FromResult<IReadOnlyList<TaskGuess>>(guesses);
    }

    private static TaskGuess Rank(EmuEdit.TaskPrediction.TaskPrediction prediction) =>
        new(prediction.Tasks.Select((t, i) => new TaskLikelihood(t, prediction.Probabilities[i]))
            .OrderByDescending(l => l.Probability).ThenBy(l => l.Task, StringComparer.Ordinal).ToArray());
}
