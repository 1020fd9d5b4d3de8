using EmuEdit.Pipeline.Abstractions;
using EmuEdit.TaskPrediction;

namespace EmuEdit.Pipeline.InProcess;

/// <summary>
/// The task predictor run in this process. A predictor file with a sentence encoder (format 2) uses the
/// process's one shared ONNX session for it (<c>SentenceEncoders.Shared</c>), found under <c>encoders/</c>
/// in the model folder or beside the binaries; about 10 ms an instruction on a CPU core.
/// </summary>
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
        cancellationToken.ThrowIfCancellationRequested();
        // One call for the whole list: a predictor with a sentence encoder embeds them as one batch.
        var guesses = _predictor.Predict(instructions).Select(Rank).ToArray();
        return Task.FromResult<IReadOnlyList<TaskGuess>>(guesses);
    }

    private static TaskGuess Rank(EmuEdit.TaskPrediction.TaskPrediction prediction) =>
        new(prediction.Tasks.Select((t, i) => new TaskLikelihood(t, prediction.Probabilities[i]))
            .OrderByDescending(l => l.Probability).ThenBy(l => l.Task, StringComparer.Ordinal).ToArray());
}
