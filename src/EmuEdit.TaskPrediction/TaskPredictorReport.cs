using System.Text.Json.Serialization;

namespace EmuEdit.TaskPrediction;

/// <summary>Accuracy and confusion matrix (rows: true task, columns: predicted task) on labelled instructions.</summary>
public sealed record TaskPredictorReport(
    [property: JsonPropertyName("tasks")] IReadOnlyList<string> Tasks,
    [property: JsonPropertyName("count")] int Count,
    [property: JsonPropertyName("accuracy")] double Accuracy,
    [property: JsonPropertyName("confusion")] int[][] Confusion)
{
    /// <param name="embeddings">The examples' sentence embeddings when the caller already has them (the trainer's), else computed here.</param>
    public static TaskPredictorReport Evaluate(TaskPredictor predictor, IReadOnlyList<LabelledInstruction> examples, IReadOnlyList<float[]>? embeddings = null)
    {
        var k = predictor.Tasks.Count;
        var index = predictor.Tasks.Select((t, i) => (t, i)).ToDictionary(p => p.t, p => p.i, StringComparer.Ordinal);
        var confusion = Enumerable.Range(0, k).Select(_ => new int[k]).ToArray();
        var correct = 0;
        var predictions = predictor.Predict(examples.Select(e => e.Instruction).ToArray(), embeddings);
        for (var n = 0; n < examples.Count; n++)
        {
            var e = examples[n];
            if (!index.TryGetValue(e.Task, out var truth))
                throw new ArgumentException($"Example names task '{e.Task}', which the predictor does not know.");
            var predicted = predictions[n].BestIndex;
            confusion[truth][predicted]++;
            if (predicted == truth) correct++;
        }
        return new TaskPredictorReport(predictor.Tasks, examples.Count, examples.Count == 0 ? 0 : correct / (double)examples.Count, confusion);
    }
}
