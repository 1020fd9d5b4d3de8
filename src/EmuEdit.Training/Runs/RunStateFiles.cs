namespace EmuEdit.Training.Runs;

/// <summary>File names inside a run's state folder.</summary>
public static class RunStateFiles
{
    /// <summary>Binary trainer state: step, weights, optimiser moments, generators.</summary>
    public const string Trainer = "trainer.bin";

    /// <summary>The run's settings (JSON), which a resume reuses so the data order stays the same.</summary>
    public const string Settings = "run.json";
}
