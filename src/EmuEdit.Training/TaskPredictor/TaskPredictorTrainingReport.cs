using System.Text.Json.Serialization;
using EmuEdit.TaskPrediction;
using EmuEdit.SentenceEncoding;

namespace EmuEdit.Training.TaskPredictor;

/// <summary>What task_predictor.report.json holds: held-out accuracy overall and per task, the confusion matrix, the training setup.</summary>
public sealed record TaskPredictorTrainingReport(
    [property: JsonPropertyName("evaluated_on")] string EvaluatedOn,
    [property: JsonPropertyName("accuracy")] double Accuracy,
    [property: JsonPropertyName("per_task_accuracy")] IReadOnlyDictionary<string, double> PerTaskAccuracy,
    [property: JsonPropertyName("evaluation")] TaskPredictorReport Evaluation,
    [property: JsonPropertyName("validation_accuracy")] double ValidationAccuracy,
    [property: JsonPropertyName("train_accuracy")] double TrainAccuracy,
    [property: JsonPropertyName("train_examples")] int TrainExamples,
    [property: JsonPropertyName("file_bytes")] long FileBytes,
    [property: JsonPropertyName("options")] TaskPredictorTrainingOptions Options)
{
    /// <summary>The sentence encoder the predictor reads; null for n-grams only.</summary>
    [JsonPropertyName("encoder")]
    public EncoderReference? Encoder { get; init; }

    /// <summary>Wall-clock seconds of fitting, embedding the training instructions included (generation excluded).</summary>
    [JsonPropertyName("train_seconds")]
    public double TrainSeconds { get; init; }
}
