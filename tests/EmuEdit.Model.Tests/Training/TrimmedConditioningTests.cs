using EmuEdit.Model.Diffusion;
using EmuEdit.Model.Training;
using static TorchSharp.torch;

namespace EmuEdit.Model.Tests.Training;

/// <summary>
/// The training fast path (instructions without unused padding, one shared null-instruction row) must be
/// the same computation as the padded path: same loss, same gradients, only shorter tensors.
/// </summary>
public class TrimmedConditioningTests
{
    private static readonly string[] Instructions = ["make the sky blue", "remove the red triangle", "add a green circle"];

    [Fact]
    public void TrimmedConditioningIsShorterAndEncodesTheRealTokensAlike()
    {
        using var model = TestModels.MicroModel();
        TestModels.Perturb(model);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var latent = randn(3, 16, 16, 16);
        var padded = model.ConditionOnLatents(latent, Instructions, model.TaskVectors([0, 1, 2]));
        var trimmed = model.ConditionOnLatents(latent, Instructions, model.TaskVectors([0, 1, 2]), trimPadding: true);

        var longest = padded.TextMask.sum(1).max().item<long>();
        Assert.True(longest < model.Config.TextEncoder.ContextLength, "the test needs instructions shorter than the context");
        Assert.Equal([3, longest, model.Config.TextEncoder.Width], trimmed.TextContext.shape);
        Assert.Equal([3, 1], trimmed.NullTextMask.shape);
        Assert.True(trimmed.TextMask.eq(padded.TextMask.narrow(1, 0, longest)).all().item<bool>());
        var real = padded.TextMask.narrow(1, 0, longest).unsqueeze(-1);
        Assert.True(TestModels.MaxAbsDifference(trimmed.TextContext * real, padded.TextContext.narrow(1, 0, longest) * real) < 1e-5);
        Assert.True(TestModels.MaxAbsDifference(trimmed.NullTextContext, padded.NullTextContext.narrow(1, 0, 1)) < 1e-5);
    }

    [Fact]
    public void TrimmedConditioningGivesTheSameLossAndGradients()
    {
        using var model = TestModels.MicroModel();
        TestModels.Perturb(model);
        var schedule = new NoiseSchedule(model.Config.Diffusion);
        var latent = randn(3, 16, 16, 16);
        var target = randn(3, 16, 16, 16);

        (float Loss, Tensor[] Gradients) Run(bool trim)
        {
            model.zero_grad();
            using var scope = NewDisposeScope();
            // Dropout on, so the null rows are used: the seed makes both runs drop the same rows.
            var options = new DiffusionOptions { TextDropProbability = 0.3, BothDropProbability = 0.3 };
            using var loss = new DiffusionLoss(schedule, options, seed: 7);
            var c = model.ConditionOnLatents(latent, Instructions, model.TaskVectors([0, 1, 2]), trim);
            var value = loss.Compute(model.VelocityModel, new DiffusionBatch(target, c));
            value.backward();
            var gradients = model.TextEncoder.parameters().Select(p => p.grad!.clone().MoveToOuterDisposeScope()).ToArray();
            return (value.item<float>(), gradients);
        }

        var (paddedLoss, paddedGradients) = Run(trim: false);
        var (trimmedLoss, trimmedGradients) = Run(trim: true);
        Assert.Equal(paddedLoss, trimmedLoss, 5);
        Assert.True(paddedGradients.Any(g => g.abs().max().item<float>() > 0), "the text encoder must get gradients");
        for (var i = 0; i < paddedGradients.Length; i++)
            Assert.True(TestModels.MaxAbsDifference(paddedGradients[i], trimmedGradients[i]) < 1e-5, $"gradient {i} differs");
    }
}
