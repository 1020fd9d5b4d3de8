using EmuEdit.Model;
using EmuEdit.Model.Checkpoints;
using EmuEdit.Model.Diffusion;
using EmuEdit.Model.Training;
using EmuEdit.Training.Runs;

namespace EmuEdit.Training.Editor;

/// <summary>Which weights of an editor run to take: the exponential moving average or the optimiser's own.</summary>
public enum RunWeights
{
    Ema,
    Raw,
}

/// <summary>
/// An editor run's weights read from its state rather than its model folder. The model folder holds
/// whichever weights validated better at the last checkpoint (<see cref="EditorRun"/>), but a lower
/// one-step validation loss does not mean better samples, so shipping compares both.
/// </summary>
public static class EditorRunWeights
{
    /// <summary>Loads the editor of the run in <paramref name="runFolder"/> with the weights asked for (float32, on the CPU).</summary>
    public static EmuEditModel Load(string runFolder, RunWeights weights)
    {
        var folder = new RunFolder(runFolder);
        if (!folder.HasState() || !Directory.Exists(folder.Model))
            throw new InvalidDataException($"{folder.Root} is not an editor training run (no {RunStateFiles.Trainer} in state/ or no model/ folder).");
        var (config, options) = RunSettings.Load<EditorTrainingOptions>(folder.State);
        // Same architecture and vocabulary as the state: the model folder was written from this run.
        var model = ModelCheckpoint.Load(folder.Model);
        try
        {
            // The trainer optimises exactly what training optimised: everything but the frozen autoencoder.
            foreach (var p in model.Autoencoder.parameters()) p.requires_grad = false;
            using var trainer = new EditorTrainer(model, model.VelocityModel, new NoiseSchedule(config.Diffusion), config.Diffusion, options.ToTrainingOptions());
            trainer.LoadState(Path.Combine(folder.State, RunStateFiles.Trainer));
            // The averages are copied into the module, so they stay when the trainer (and its EMA) is disposed.
            if (weights == RunWeights.Ema) trainer.Ema.Apply();
            return model;
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }
}
