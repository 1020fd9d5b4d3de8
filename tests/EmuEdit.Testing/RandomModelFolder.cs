using EmuEdit.Model;
using EmuEdit.Model.Checkpoints;
using EmuEdit.Model.Configuration;
using EmuEdit.Pipeline.InProcess;
using EmuEdit.TaskPrediction;
using static TorchSharp.torch;

namespace EmuEdit.Testing;

/// <summary>
/// Writes a model folder the services and the engine load (checkpoint + task predictor) with randomly
/// initialised weights: no trained model is needed to test paths, only determinism and sensitivity to
/// every input.
/// </summary>
public static class RandomModelFolder
{
    /// <param name="path">Folder to write (created).</param>
    /// <param name="configJson">A model config, far smaller than the tiny preset so tests stay fast.</param>
    /// <param name="phrasings">Instructions with their tasks: the vocabulary's corpus and the predictor's training set.</param>
    /// <param name="predictorTasks">The task names the predictor chooses among.</param>
    /// <param name="weightSeed">Seeds LibTorch's generator before the networks are built.</param>
    /// <param name="perturbScale">
    /// Standard deviation of the noise given to zero-initialised layers (output convs, the widened input),
    /// so outputs depend on every input as a trained model's do; 0 leaves them at zero.
    /// </param>
    public static void Write(string path, string configJson, IReadOnlyList<LabelledInstruction> phrasings,
        IReadOnlyList<string> predictorTasks, long weightSeed, double perturbScale)
    {
        // Networks this small gain nothing from a second intra-op thread, and on a busy machine OpenMP's
        // spinning workers made the same runs many times slower.
        TorchRuntime.Initialise(threads: 1);
        manual_seed(weightSeed);
        using (var model = EmuEditModel.Create(ModelConfig.Parse(configJson, "test model config"), phrasings.Select(p => p.Instruction)))
        {
            if (perturbScale > 0) Perturb(model, weightSeed, perturbScale);
            ModelCheckpoint.Save(model, path);
        }
        var predictor = TaskPredictorTrainer.Train(phrasings, predictorTasks, new TrainerOptions { MinFeatureCount = 1 });
        TaskPredictorFile.Save(predictor, Path.Combine(path, InProcessTaskPredictor.FileName));
    }

    private static void Perturb(nn.Module module, long seed, double scale)
    {
        using var generator = new Generator((ulong)seed);
        using var _ = no_grad();
        foreach (var parameter in module.parameters())
        {
            using var max = parameter.abs().max();
            if (max.item<float>() == 0) parameter.add_(randn(parameter.shape, generator: generator) * scale);
        }
    }
}
