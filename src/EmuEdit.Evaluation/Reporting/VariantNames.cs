namespace EmuEdit.Evaluation.Reporting;

/// <summary>The variant keys of the evaluation JSON (paper Table 3 plus the identity baseline).</summary>
public static class VariantNames
{
    public const string Identity = "identity";
    public const string Reconstruction = "autoencoder_round_trip";
    public const string TargetReconstruction = "autoencoder_target";
    public const string PredictedTask = EvaluationReport.PrimaryVariant;
    public const string Unthresholded = "predicted_task_unthresholded";
    public const string GroundTruthTask = "ground_truth_task";
    public const string NoTaskEmbedding = "no_task_embedding";

    /// <summary>Report order.</summary>
    public static IReadOnlyList<string> Ordered { get; } = [Identity, Reconstruction, TargetReconstruction, NoTaskEmbedding, PredictedTask, Unthresholded, GroundTruthTask];
}
