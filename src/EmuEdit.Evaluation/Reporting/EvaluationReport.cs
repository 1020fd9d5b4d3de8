using System.Text.Json;
using System.Text.Json.Serialization;

namespace EmuEdit.Evaluation.Reporting;

/// <summary>
/// The evaluation JSON (`emuedit eval --out FILE.json`). Keys are snake_case and stable; a key whose
/// metric was not computed is present with null.
/// </summary>
public sealed record EvaluationReport
{
    public const string CurrentFormat = "emuedit-evaluation/1";

    /// <summary>The variant whose scores stand for the model: the served path, which lets the task predictor choose.</summary>
    public const string PrimaryVariant = "predicted_task";

    [JsonPropertyName("format")] public string Format { get; init; } = CurrentFormat;
    [JsonPropertyName("created_utc")] public required DateTimeOffset CreatedUtc { get; init; }
    [JsonPropertyName("model")] public string? Model { get; init; }
    [JsonPropertyName("benchmark")] public required string Benchmark { get; init; }
    [JsonPropertyName("examples")] public required int Examples { get; init; }
    [JsonPropertyName("trained_tasks")] public required IReadOnlyList<string> TrainedTasks { get; init; }
    [JsonPropertyName("unseen_tasks")] public required IReadOnlyList<string> UnseenTasks { get; init; }
    [JsonPropertyName("settings")] public required EvaluationSettings Settings { get; init; }
    [JsonPropertyName("encoders")] public required EncoderNames Encoders { get; init; }

    /// <summary>Keyed by variant name: identity, predicted_task, ground_truth_task, no_task_embedding (those that ran).</summary>
    [JsonPropertyName("variants")] public required IReadOnlyDictionary<string, VariantReport> Variants { get; init; }

    [JsonPropertyName("sweep")] public IReadOnlyList<SweepPoint> Sweep { get; init; } = [];
    [JsonPropertyName("autoencoder_psnr_db")] public double? AutoencoderPsnrDb { get; init; }
    [JsonPropertyName("task_predictor_heldout_accuracy")] public double? TaskPredictorHeldOutAccuracy { get; init; }

    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    public static EvaluationReport FromJson(string json) =>
        JsonSerializer.Deserialize<EvaluationReport>(json, JsonOptions) ?? throw new InvalidDataException("empty evaluation report");
}
