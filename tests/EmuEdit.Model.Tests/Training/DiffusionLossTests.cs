using EmuEdit.Model.Diffusion;
using EmuEdit.Model.Tests.Diffusion;
using EmuEdit.Model.Training;
using static TorchSharp.torch;

namespace EmuEdit.Model.Tests.Training;

public class DiffusionLossTests
{
    private readonly NoiseSchedule _schedule = new(new DiffusionOptions());

    public DiffusionLossTests() => TorchRuntime.Initialise();

    [Fact]
    public void SameSeedGivesTheSameLoss()
    {
        var model = TestConditioning.Model();
        var batch = TrainingData.Batch(1);
        using var a = new DiffusionLoss(_schedule, new DiffusionOptions(), 5);
        using var b = new DiffusionLoss(_schedule, new DiffusionOptions(), 5);
        using var la = a.Compute(model, batch);
        using var lb = b.Compute(model, batch);
        Assert.Equal(la.item<float>(), lb.item<float>());
        Assert.True(la.requires_grad);
    }

    [Fact]
    public void OneDrawIsPartitionedIntoTextImageAndBoth()
    {
        var c = TestConditioning.Create(2, rows: 5);
        var options = new DiffusionOptions { TaskDropProbability = 0.5 };
        using var u = tensor(new[] { 0.01, 0.07, 0.12, 0.5, 0.149 });
        using var taskU = tensor(new[] { 0.9, 0.1, 0.9, 0.9, 0.9 });
        var d = ConditioningDropout.Apply(c, u, taskU, options);

        bool TextDropped(int i) => d.TextContext[i].IsBitEqual(c.NullTextContext[i]) && d.TextMask[i].IsBitEqual(c.NullTextMask[i]);
        bool ImageDropped(int i) => d.ImageLatent[i].abs().sum().item<float>() == 0;
        Assert.Equal(new[] { true, false, true, false, true }, Enumerable.Range(0, 5).Select(TextDropped));
        Assert.Equal(new[] { false, true, true, false, true }, Enumerable.Range(0, 5).Select(ImageDropped));
        Assert.True(d.TextContext[3].IsBitEqual(c.TextContext[3]) && d.ImageLatent[3].IsBitEqual(c.ImageLatent[3]));
        Assert.Equal(0f, d.Task[1].abs().sum().item<float>());
        Assert.True(d.Task[0].IsBitEqual(c.Task[0]));
    }
}
