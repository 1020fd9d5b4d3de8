using EmuEdit.Model.Diffusion;
using EmuEdit.Model.Tests.Diffusion;
using EmuEdit.Model.Training;
using static TorchSharp.torch;

namespace EmuEdit.Model.Tests.Training;

/// <summary>A learnable toy edit: the target latent is the input latent negated and shifted.</summary>
internal static class TrainingData
{
    public static DiffusionBatch Batch(long seed, int rows = 8)
    {
        var c = TestConditioning.Create(seed, rows);
        return new DiffusionBatch(-c.ImageLatent * 0.5 + 0.25, c);
    }

    /// <summary>The loss under fixed draws (same seed every call) and no dropout: comparable before and after.</summary>
    public static double EvaluationLoss(IVelocityModel model, NoiseSchedule schedule, DiffusionBatch batch, long seed = 1234, int repeats = 4)
    {
        using var noGrad = no_grad();
        using var loss = new DiffusionLoss(schedule, new DiffusionOptions(), seed);
        var total = 0.0;
        for (var i = 0; i < repeats; i++)
        {
            using var value = loss.Compute(model, batch, applyDropout: false);
            total += value.item<float>();
        }
        return total / repeats;
    }

    public static List<Tensor> Snapshot(TorchSharp.torch.nn.Module module) =>
        module.parameters().Select(p => p.detach().clone()).ToList();
}
