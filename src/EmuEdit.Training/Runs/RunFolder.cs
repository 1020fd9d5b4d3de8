namespace EmuEdit.Training.Runs;

/// <summary>The layout of a training run's output folder (see docs/training.md).</summary>
public sealed class RunFolder
{
    public RunFolder(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Root = Path.GetFullPath(root);
    }

    public string Root { get; }

    /// <summary>The model folder (ModelCheckpoint layout) that inference and later stages load.</summary>
    public string Model => Path.Combine(Root, "model");

    /// <summary>What resuming needs: raw weights, optimiser, step, random generators, run settings.</summary>
    public string State => Path.Combine(Root, "state");

    public string Metrics => Path.Combine(Root, "metrics.jsonl");

    /// <summary>True when the folder holds a state to resume from (repairing an interrupted swap first).</summary>
    public bool HasState() => AtomicFolder.Recover(State) && File.Exists(Path.Combine(State, RunStateFiles.Trainer));
}
