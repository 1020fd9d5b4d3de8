using EmuEdit.Model.Diffusion;
using EmuEdit.Model.Training;
using static TorchSharp.torch;

namespace EmuEdit.Model.Tests.Diffusion;

/// <summary>
/// diffusion.target = "residual": the process runs on z_out - z_in, the loss is the latent loss of that
/// difference, and the sampler hands back z_in + the sampled residual.
/// </summary>
public class ResidualTargetTests
{
    private static readonly DiffusionOptions Residual = new() { Target = DiffusionOptions.ResidualTarget };

    public ResidualTargetTests() => TorchRuntime.Initialise();

    [Theory]
    [InlineData(1)]
    [InlineData(20)]
    public void AnOracleOfTheResidualEndsAtTheTargetLatent(int steps)
    {
        var schedule = new NoiseSchedule(Residual);
        var c = TestConditioning.Create(3);
        using var g = new Generator(11);
        using var target = randn(new long[] { 1, TestConditioning.Channels, TestConditioning.Size, TestConditioning.Size }, generator: g);
        using var residual = target - c.ImageLatent;
        using var job = new SamplerJob(schedule, c, steps, GuidanceScales.FromOptions(Residual), seed: 5);
        Assert.True(job.DiffusesResidual);
        var previews = new List<Tensor>();
        using var result = new EditSampler(schedule).Sample(new OracleVelocityModel(schedule, residual), job, p =>
        {
            previews.Add(p.PredictedX0.clone());
            return true;
        });
        Assert.True((result - target).abs().max().item<float>() < 1e-4f, "the result is the input latent plus the residual");
        // Previews are image latents too, not residuals (the oracle knows x0 from the first step).
        Assert.All(previews, p => Assert.True((p - target).abs().max().item<float>() < 1e-3f));
    }

    [Fact]
    public void TheSameOracleInTheLatentFormulationEndsAtTheResidualItself()
    {
        // Guards the test above: the input is added only when the target is the residual.
        var schedule = new NoiseSchedule(new DiffusionOptions());
        var c = TestConditioning.Create(3);
        using var g = new Generator(11);
        using var x0 = randn(new long[] { 1, TestConditioning.Channels, TestConditioning.Size, TestConditioning.Size }, generator: g);
        using var job = new SamplerJob(schedule, c, 10, GuidanceScales.FromOptions(new DiffusionOptions()), seed: 5);
        Assert.False(job.DiffusesResidual);
        using var result = new EditSampler(schedule).Sample(new OracleVelocityModel(schedule, x0), job);
        Assert.True((result - x0).abs().max().item<float>() < 1e-4f);
    }

    [Fact]
    public void TheResidualLossIsTheLatentLossOfTheDifference()
    {
        var model = TestConditioning.Model();
        var c = TestConditioning.Create(4, rows: 3);
        using var g = new Generator(3);
        using var target = randn(c.ImageLatent.shape, generator: g);
        var options = new DiffusionOptions { TextDropProbability = 0.3, ImageDropProbability = 0.3, BothDropProbability = 0.3 };
        var residualOptions = new DiffusionOptions { TextDropProbability = 0.3, ImageDropProbability = 0.3, BothDropProbability = 0.3, Target = DiffusionOptions.ResidualTarget };

        using var residualLoss = new DiffusionLoss(new NoiseSchedule(residualOptions), residualOptions, seed: 8);
        using var latentLoss = new DiffusionLoss(new NoiseSchedule(options), options, seed: 8);
        using var viaResidual = residualLoss.Compute(model, new DiffusionBatch(target, c));
        using var difference = target - c.ImageLatent;
        using var viaDifference = latentLoss.Compute(model, new DiffusionBatch(difference, c));
        using var plain = new DiffusionLoss(new NoiseSchedule(options), options, seed: 8);
        using var viaTarget = plain.Compute(model, new DiffusionBatch(target, c));

        Assert.Equal(viaDifference.item<float>(), viaResidual.item<float>(), 5);
        Assert.NotEqual(viaTarget.item<float>(), viaResidual.item<float>(), 3);
    }

    [Fact]
    public void ThePresetRoundTripsItsTargetAndNothingDerived()
    {
        var config = EmuEdit.Model.Configuration.ModelConfig.LoadPreset("tiny-residual");
        Assert.True(config.Diffusion.DiffusesResidual);
        var json = config.ToJson();
        Assert.Contains("\"target\": \"residual\"", json);
        Assert.DoesNotContain("diffusesResidual", json); // derived: written, it would be an unknown field on read
        Assert.True(EmuEdit.Model.Configuration.ModelConfig.Parse(json).Diffusion.DiffusesResidual);
        Assert.False(EmuEdit.Model.Configuration.ModelConfig.LoadPreset("tiny").Diffusion.DiffusesResidual);
    }

    [Fact]
    public void AnUnknownTargetIsRefused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new DiffusionOptions { Target = "pixels" }.Validate());
        Assert.Contains("residual", error.Message);
    }
}
