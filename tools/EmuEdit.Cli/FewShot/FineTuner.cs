using EmuEdit.Model.Training;
using EmuEdit.Pipeline.Engine;
using EmuEdit.Pipeline.Inversion;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace EmuEdit.Cli.FewShot;

/// <summary>
/// The few-shot baseline of fine-tuning every weight: the U-Net and a new task vector (started where task
/// inversion starts) are trained together on the new task's examples with the training loss and optimiser.
/// It changes the U-Net it is given, so the experiment loads a fresh one per run.
/// </summary>
internal static class FineTuner
{
    /// <summary>Trains <paramref name="denoiser"/>'s U-Net and a task vector; returns the vector. The U-Net is left in eval mode.</summary>
    public static float[] Run(EditDenoiser denoiser, EncodedExamples examples, float[] initialVector, int steps, double learningRate, int batchSize, long seed)
    {
        using var module = new FineTuneParameters(denoiser, initialVector);
        var training = new TrainingOptions { LearningRate = learningRate, WarmupSteps = 0, Seed = seed };
        using (var trainer = new EditorTrainer(module, denoiser.UNet, denoiser.Schedule, denoiser.Config.Diffusion, training))
        {
            // System.Random with a seed picks the same examples on every platform.
            var picker = new Random(unchecked((int)seed));
            for (var step = 0; step < steps; step++)
            {
                using var scope = NewDisposeScope();
                var chosen = Enumerable.Range(0, batchSize).Select(_ => examples.Examples[picker.Next(examples.Examples.Count)]).ToList();
                trainer.Step(TaskInversion.Batch(chosen, module.Task, examples.NullContext, examples.NullMask));
            }
        }
        denoiser.UNet.eval();
        using var vector = module.Task.detach().to(ScalarType.Float32, CPU).contiguous();
        return vector.data<float>().ToArray();
    }

    /// <summary>Every U-Net weight and the new task vector, as one module for the trainer's optimiser.</summary>
    private sealed class FineTuneParameters : nn.Module
    {
        // Fields, not properties: RegisterComponents finds the parameters through them.
        private readonly nn.Module unet;
        private readonly Parameter task;

        public FineTuneParameters(EditDenoiser denoiser, float[] initialVector) : base(nameof(FineTuneParameters))
        {
            unet = denoiser.UNet;
            using var start = tensor(initialVector, ScalarType.Float32);
            task = new Parameter(start.to(denoiser.Device).clone(), requires_grad: true);
            RegisterComponents();
        }

        public Parameter Task => task;

        protected override void Dispose(bool disposing)
        {
            // The U-Net belongs to the denoiser, which disposes it; only the vector is this module's own.
            if (disposing) task.Dispose();
        }
    }
}
