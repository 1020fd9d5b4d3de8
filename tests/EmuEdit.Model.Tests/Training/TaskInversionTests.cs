using EmuEdit.Model.Diffusion;
using EmuEdit.Model.Tests.Diffusion;
using EmuEdit.Model.Training;
using static TorchSharp.torch;

namespace EmuEdit.Model.Tests.Training;

public class TaskInversionTests
{
    private readonly DiffusionOptions _diffusion = new();
    private readonly NoiseSchedule _schedule;

    public TaskInversionTests()
    {
        TorchRuntime.Initialise();
        _schedule = new NoiseSchedule(_diffusion);
    }

    [Fact]
    public void OnlyTheNewVectorChangesAndItsLossFalls()
    {
        var model = TestConditioning.Model();
        var frozenBefore = model.parameters().Select(p => p.requires_grad).ToList();
        var weights = TrainingData.Snapshot(model);
        var source = TrainingData.Batch(7, rows: 4);
        var examples = Enumerable.Range(0, 4).Select(i => new InversionExample(
            source.TargetLatent[i], source.Conditioning.ImageLatent[i], source.Conditioning.TextContext[i], source.Conditioning.TextMask[i])).ToList();
        using var initial = zeros(TestConditioning.TaskDim);
        var nullContext = source.Conditioning.NullTextContext[0];
        var nullMask = source.Conditioning.NullTextMask[0];

        var before = Evaluate(model, examples, initial, nullContext, nullMask);
        var reported = new List<(int, double)>();
        var options = new TaskInversionOptions { Steps = 60, LearningRate = 5e-2, BatchSize = 4, Seed = 3 };
        var result = new TaskInversion(model, model, _schedule, _diffusion, options)
            .Run(examples, initial, nullContext, nullMask, (s, l) => reported.Add((s, l)));
        var after = Evaluate(model, examples, result.Vector, nullContext, nullMask);

        Assert.True(after < before, $"loss {before} -> {after}");
        Assert.Equal(60, result.Losses.Count);
        Assert.Equal(Enumerable.Range(1, 60), reported.Select(r => r.Item1));
        Assert.Equal(new long[] { TestConditioning.TaskDim }, result.Vector.shape);
        Assert.False(result.Vector.IsBitEqual(initial));
        var now = model.parameters().ToList();
        for (var i = 0; i < weights.Count; i++) Assert.True(now[i].IsBitEqual(weights[i]), $"parameter {i} changed");
        Assert.Equal(frozenBefore, model.parameters().Select(p => p.requires_grad));
        Assert.True(model.parameters().All(p => p.grad is null || p.grad.abs().sum().item<float>() == 0));
    }

    [Fact]
    public void SameSeedGivesTheSameVector()
    {
        var model = TestConditioning.Model();
        var source = TrainingData.Batch(8, rows: 2);
        var examples = Enumerable.Range(0, 2).Select(i => new InversionExample(
            source.TargetLatent[i], source.Conditioning.ImageLatent[i], source.Conditioning.TextContext[i], source.Conditioning.TextMask[i])).ToList();
        using var initial = ones(TestConditioning.TaskDim);
        var options = new TaskInversionOptions { Steps = 5, BatchSize = 3, Seed = 9 };
        var inversion = new TaskInversion(model, model, _schedule, _diffusion, options);
        var a = inversion.Run(examples, initial, source.Conditioning.NullTextContext[0], source.Conditioning.NullTextMask[0]);
        var b = inversion.Run(examples, initial, source.Conditioning.NullTextContext[0], source.Conditioning.NullTextMask[0]);
        Assert.True(a.Vector.IsBitEqual(b.Vector));
        Assert.Equal(a.Losses, b.Losses);
    }

    private double Evaluate(IVelocityModel model, IReadOnlyList<InversionExample> examples, Tensor vector, Tensor nullContext, Tensor nullMask)
    {
        var batch = TaskInversion.Batch(examples, vector, nullContext, nullMask);
        return TrainingData.EvaluationLoss(model, _schedule, batch, repeats: 8);
    }
}
