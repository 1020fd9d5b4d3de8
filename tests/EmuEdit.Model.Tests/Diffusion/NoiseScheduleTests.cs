using EmuEdit.Model.Diffusion;
using static TorchSharp.torch;

namespace EmuEdit.Model.Tests.Diffusion;

public class NoiseScheduleTests
{
    public NoiseScheduleTests() => TorchRuntime.Initialise();

    [Fact]
    public void TerminalAlphaBarIsExactlyZeroAfterRescale()
    {
        var schedule = new NoiseSchedule(new DiffusionOptions());
        Assert.Equal(0.0, schedule.AlphaBar(schedule.TrainTimesteps - 1));
        Assert.Equal(1.0, schedule.Betas[^1]);
    }

    [Fact]
    public void AlphaBarStrictlyDecreases()
    {
        var ab = new NoiseSchedule(new DiffusionOptions()).AlphaBars;
        for (var t = 1; t < ab.Count; t++) Assert.True(ab[t] < ab[t - 1], $"alpha_bar[{t}] = {ab[t]} >= alpha_bar[{t - 1}] = {ab[t - 1]}");
        Assert.True(ab[0] < 1);
    }

    [Fact]
    public void RescaleKeepsTheFirstStepSnr()
    {
        var rescaled = new NoiseSchedule(new DiffusionOptions());
        var original = new NoiseSchedule(new DiffusionOptions { RescaleToZeroTerminalSnr = false });
        var a = rescaled.SignalToNoise(0);
        var b = original.SignalToNoise(0);
        Assert.True(Math.Abs(a - b) / b < 1e-6, $"SNR(0) {a} vs {b}");
        Assert.True(original.AlphaBar(original.TrainTimesteps - 1) > 0);
    }

    [Fact]
    public void ScaledLinearBetasMatchTheirDefinitionWithoutRescale()
    {
        var options = new DiffusionOptions { RescaleToZeroTerminalSnr = false };
        var s = new NoiseSchedule(options);
        Assert.Equal(options.BetaStart, s.Betas[0], 12);
        Assert.Equal(options.BetaEnd, s.Betas[^1], 12);
        var mid = Math.Sqrt(options.BetaStart) + (Math.Sqrt(options.BetaEnd) - Math.Sqrt(options.BetaStart)) * 500 / 999.0;
        Assert.Equal(mid * mid, s.Betas[500], 12);
    }

    [Theory]
    [InlineData(1, new[] { 999 })]
    [InlineData(3, new[] { 999, 666, 332 })]
    [InlineData(7, new[] { 999, 856, 713, 570, 428, 285, 142 })]
    [InlineData(16, new[] { 999, 937, 874, 811, 749, 687, 624, 561, 499, 437, 374, 311, 249, 187, 124, 61 })]
    [InlineData(30, new[] { 999, 966, 932, 899, 866, 832, 799, 766, 732, 699, 666, 632, 599, 566, 532, 499, 466, 432, 399, 366, 332, 299, 266, 232, 199, 166, 132, 99, 66, 32 })]
    public void TrailingTimestepsMatchNumpyFormula(int steps, int[] expected)
    {
        // Expected values: round(arange(1000, 0, -1000/n)) - 1 computed with Python (round half to even).
        Assert.Equal(expected, new NoiseSchedule(new DiffusionOptions()).TrailingTimesteps(steps));
    }

    [Fact]
    public void FiftyTrailingStepsAreEveryTwentieth()
    {
        var ts = new NoiseSchedule(new DiffusionOptions()).TrailingTimesteps(50);
        Assert.Equal(Enumerable.Range(0, 50).Select(i => 999 - 20 * i), ts);
    }

    [Fact]
    public void VelocityAlgebraRecoversX0AndNoise()
    {
        var schedule = new NoiseSchedule(new DiffusionOptions());
        using var g = new Generator(7);
        using var x0 = randn(new long[] { 6, 4, 8, 8 }, generator: g);
        using var eps = randn(new long[] { 6, 4, 8, 8 }, generator: g);
        using var t = tensor(new long[] { 0, 1, 250, 500, 998, 999 });
        using var xt = schedule.AddNoise(x0, eps, t);
        using var v = schedule.VelocityTarget(x0, eps, t);
        using var x0Back = schedule.PredictX0(xt, v, t);
        using var epsBack = schedule.PredictNoise(xt, v, t);
        Assert.True((x0Back - x0).abs().max().item<float>() < 1e-5f);
        Assert.True((epsBack - eps).abs().max().item<float>() < 1e-5f);
    }

    [Fact]
    public void InvalidOptionsAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new NoiseSchedule(new DiffusionOptions { Prediction = "epsilon" }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new NoiseSchedule(new DiffusionOptions { TextDropProbability = 0.5, ImageDropProbability = 0.4, BothDropProbability = 0.2 }));
    }
}
