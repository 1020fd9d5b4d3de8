namespace EmuEdit.Cli.Evaluation;

/// <summary>Where an evaluated edit's task vector comes from (paper Table 3's three rows).</summary>
public enum TaskSource
{
    /// <summary>The task predictor picks it from the instruction: the served path.</summary>
    Predicted,

    /// <summary>The benchmark's true task (only trained tasks have a row).</summary>
    GroundTruth,

    /// <summary>A zero task vector: the editor without task conditioning.</summary>
    None,
}
