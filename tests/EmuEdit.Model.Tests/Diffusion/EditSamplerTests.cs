using EmuEdit.Model.Diffusion;
using static TorchSharp.torch;

namespace EmuEdit.Model.Tests.Diffusion;

public class EditSamplerTests
{
    private readonly DiffusionOptions _options = new();
    private readonly NoiseSchedule _schedule;
    private readonly EditSampler _sampler;

    public EditSamplerTests()
    {
        TorchRuntime.Initialise();
        _schedule = new NoiseSchedule(_options);
        _sampler = new EditSampler(_schedule);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(50)]
    public void OracleModelEndsAtItsX0(int steps)
    {
        var c = TestConditioning.Create(3);
        using var g = new Generator(11);
        using var x0 = randn(new long[] { 1, TestConditioning.Channels, TestConditioning.Size, TestConditioning.Size }, generator: g);
        using var job = new SamplerJob(_schedule, c, steps, GuidanceScales.FromOptions(_options), seed: 5);
        using var result = _sampler.Sample(new OracleVelocityModel(_schedule, x0), job);
        Assert.True((result - x0).abs().max().item<float>() < 1e-4f);
    }

    [Fact]
    public void BatchedThreeRowsEqualGuidanceOverThreeSeparateForwards()
    {
        var model = TestConditioning.Model();
        var c = TestConditioning.Create(4);
        var scales = new GuidanceScales(1.5, 5.0);
        using var job = new SamplerJob(_schedule, c, 10, scales, seed: 9);
        using var xt = job.Latent.clone();
        Tensor? preview = null;
        _sampler.Step(model, new[] { job }, p => { preview = p.PredictedX0.clone(); return true; });
        Assert.Equal(1, model.ForwardCalls);
        Assert.Equal(3, model.LastBatchRows);

        using var expected = SeparateGuidedX0(model, c, xt, job.Timesteps[0], scales);
        using (preview)
            Assert.True((preview! - expected).abs().max().item<float>() < 1e-5f);
    }

    [Fact]
    public void UnitScalesGiveTheFullyConditionalPrediction()
    {
        var model = TestConditioning.Model();
        var c = TestConditioning.Create(5);
        using var job = new SamplerJob(_schedule, c, 8, new GuidanceScales(1, 1), seed: 2);
        using var xt = job.Latent.clone();
        Tensor? preview = null;
        _sampler.Step(model, new[] { job }, p => { preview = p.PredictedX0.clone(); return true; });

        using var t = tensor(new long[] { job.Timesteps[0] });
        using var v = model.PredictVelocity(xt, t, c.ImageLatent, c.TextContext, c.TextMask, c.Task);
        using var expected = _schedule.PredictX0(xt, v, t);
        using (preview)
            Assert.True((preview! - expected).abs().max().item<float>() < 1e-5f);
    }

    [Fact]
    public void JobsBatchedTogetherMatchEachRunAlone()
    {
        var model = TestConditioning.Model();
        var ca = TestConditioning.Create(6);
        var cb = TestConditioning.Create(7, rows: 2, realTokens: 4);
        using var aloneA = Run(model, ca, 10, new GuidanceScales(1.5, 5.0), 1);
        using var aloneB = Run(model, cb, 7, new GuidanceScales(2.0, 3.0), 2);

        using var a = new SamplerJob(_schedule, ca, 10, new GuidanceScales(1.5, 5.0), 1);
        using var b = new SamplerJob(_schedule, cb, 7, new GuidanceScales(2.0, 3.0), 2);
        // Continuous batching: b joins while a is already three steps in, so rows sit at different timesteps.
        for (var i = 0; i < 3; i++) _sampler.Step(model, new[] { a });
        var callsBefore = model.ForwardCalls;
        _sampler.Step(model, new[] { a, b });
        Assert.Equal(callsBefore + 1, model.ForwardCalls);
        Assert.Equal(9, model.LastBatchRows);
        _sampler.SampleAll(model, new[] { a, b });

        Assert.True(a.IsComplete && b.IsComplete);
        Assert.True((a.Latent - aloneA).abs().max().item<float>() < 1e-5f);
        Assert.True((b.Latent - aloneB).abs().max().item<float>() < 1e-5f);
    }

    [Fact]
    public void SameInputsAndSeedAreBitIdentical()
    {
        var c = TestConditioning.Create(8);
        using var first = Run(TestConditioning.Model(), c, 12, GuidanceScales.FromOptions(_options), 42);
        using var second = Run(TestConditioning.Model(), c, 12, GuidanceScales.FromOptions(_options), 42);
        using var other = Run(TestConditioning.Model(), c, 12, GuidanceScales.FromOptions(_options), 43);
        Assert.True(first.IsBitEqual(second));
        Assert.False(first.IsBitEqual(other));
    }

    [Fact]
    public void CallbackSeesEveryStepAndTheLastPreviewIsTheResult()
    {
        var model = TestConditioning.Model();
        var c = TestConditioning.Create(9);
        using var job = new SamplerJob(_schedule, c, 6, GuidanceScales.FromOptions(_options), 3);
        var seen = new List<(int Step, int Total)>();
        Tensor? last = null;
        using var result = _sampler.Sample(model, job, p =>
        {
            Assert.Same(job, p.Job);
            seen.Add((p.Step, p.TotalSteps));
            last?.Dispose();
            last = p.PredictedX0.clone();
            return true;
        });
        Assert.Equal(Enumerable.Range(1, 6).Select(i => (i, 6)), seen);
        using (last)
            Assert.True(result.IsBitEqual(last!));
    }

    [Fact]
    public void CallbackCanCancelAJob()
    {
        var model = TestConditioning.Model();
        using var job = new SamplerJob(_schedule, TestConditioning.Create(10), 8, GuidanceScales.FromOptions(_options), 3);
        Assert.Throws<OperationCanceledException>(() => _sampler.Sample(model, job, p => p.Step < 3));
        Assert.True(job.IsCancelled);
        Assert.Equal(3, job.StepIndex);
        Assert.Equal(3, model.ForwardCalls);
    }

    [Fact]
    public void JobTokenCancelsOnlyThatJob()
    {
        var model = TestConditioning.Model();
        using var cts = new CancellationTokenSource();
        using var a = new SamplerJob(_schedule, TestConditioning.Create(11), 5, GuidanceScales.FromOptions(_options), 1, "a", cts.Token);
        using var b = new SamplerJob(_schedule, TestConditioning.Create(12), 5, GuidanceScales.FromOptions(_options), 2, "b");
        _sampler.Step(model, new[] { a, b });
        cts.Cancel();
        _sampler.SampleAll(model, new[] { a, b });
        Assert.True(a.IsCancelled);
        Assert.Equal(1, a.StepIndex);
        Assert.True(b.IsComplete);
    }

    [Fact]
    public void InstructionsOfDifferentLengthsShareABatch()
    {
        var model = TestConditioning.Model();
        var shortText = TestConditioning.Create(13);
        var wide = TestConditioning.Create(14);
        // The same instruction padded to 9 tokens: padded tokens are masked, so the result must not change.
        var longText = wide with
        {
            TextContext = cat(new[] { wide.TextContext, zeros(1, 4, TestConditioning.TextWidth) }, 1),
            TextMask = cat(new[] { wide.TextMask, zeros(new long[] { 1, 4 }, ScalarType.Bool) }, 1),
        };
        using var alone = Run(model, wide, 4, GuidanceScales.FromOptions(_options), 5);
        using var a = SamplerJob.Create(_schedule, _options, shortText, 4, steps: 4);
        using var b = SamplerJob.Create(_schedule, _options, longText, 5, steps: 4);
        _sampler.SampleAll(model, new[] { a, b });
        Assert.True(b.Latent.MaxAbsDiff(alone) < 1e-5f);
    }

    [Fact]
    public void JobsFromDefaultsUseTheConfiguredStepsAndScales()
    {
        using var job = SamplerJob.Create(_schedule, new DiffusionOptions { DefaultInferenceSteps = 25 }, TestConditioning.Create(15), 1);
        Assert.Equal(25, job.TotalSteps);
        Assert.Equal(new GuidanceScales(1.5, 5.0), job.Guidance);
        Assert.Equal(999, job.Timesteps[0]);
    }

    private Tensor Run(IVelocityModel model, EditConditioning c, int steps, GuidanceScales scales, long seed)
    {
        using var job = new SamplerJob(_schedule, c, steps, scales, seed);
        return _sampler.Sample(model, job);
    }

    private Tensor SeparateGuidedX0(IVelocityModel model, EditConditioning c, Tensor xt, int timestep, GuidanceScales s)
    {
        using var scope = NewDisposeScope();
        var t = tensor(new long[] { timestep });
        var v00 = model.PredictVelocity(xt, t, zeros_like(c.ImageLatent), c.NullTextContext, c.NullTextMask, c.Task);
        var vI0 = model.PredictVelocity(xt, t, c.ImageLatent, c.NullTextContext, c.NullTextMask, c.Task);
        var vIT = model.PredictVelocity(xt, t, c.ImageLatent, c.TextContext, c.TextMask, c.Task);
        var v = v00 + s.Image * (vI0 - v00) + s.Text * (vIT - vI0);
        return _schedule.PredictX0(xt, v, t).MoveToOuterDisposeScope();
    }
}
