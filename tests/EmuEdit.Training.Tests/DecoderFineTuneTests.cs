using EmuEdit.Model.Checkpoints;
using EmuEdit.Model.Configuration;
using EmuEdit.Training.Autoencoder;

namespace EmuEdit.Training.Tests;

/// <summary>
/// `train autoencoder --decoder-from`: the decoder learns while the encoder and the latent scale (the latent
/// space an editor was trained on) stay exactly as they were, across a stop and resume too.
/// </summary>
public sealed class DecoderFineTuneTests
{
    private static AutoencoderTrainingOptions Options(long steps, string? from = null) => new()
    {
        Steps = steps, BatchSize = 8, LearningRate = 3e-3, WarmupSteps = 0, Seed = 7,
        CheckpointEvery = 100, EvalEvery = 100, ValidationImages = 8, CalibrationImages = 8, DecoderFrom = from,
    };

    [Fact]
    public void OnlyTheDecoderChangesAndTheLatentScaleIsKept()
    {
        using var dir = new TempFolder();
        var start = AutoencoderRun.Open(dir.Sub("start"), MicroConfig.Create(), Options(4)).Train();
        var startModel = Path.Combine(dir.Sub("start"), "model");

        var tune = AutoencoderRun.Open(dir.Sub("tune"), MicroConfig.Create(), Options(6, startModel));
        var result = tune.Train();
        Assert.Equal(6, result.Step);
        Assert.Equal(start.LatentScale, result.LatentScale, 6);

        using var before = ModelCheckpoint.LoadAutoencoder(startModel);
        using var after = ModelCheckpoint.LoadAutoencoder(tune.Folder.Model);
        Assert.True(after.HasSameLatentSpace(before));
        Assert.Equal(before.LatentScale, after.LatentScale);
        var (old, tuned) = (before.state_dict(), after.state_dict());
        Assert.All(old.Keys.Where(k => k.StartsWith("encoder.", StringComparison.Ordinal)),
            k => Assert.True(old[k].eq(tuned[k]).all().item<bool>(), $"{k} changed"));
        Assert.Contains(old.Keys.Where(k => k.StartsWith("decoder.", StringComparison.Ordinal)),
            k => !old[k].eq(tuned[k]).all().item<bool>());
    }

    [Fact]
    public void AStoppedDecoderFineTuneResumesToTheSameWeights()
    {
        using var dir = new TempFolder();
        AutoencoderRun.Open(dir.Sub("start"), MicroConfig.Create(), Options(3)).Train();
        var startModel = Path.Combine(dir.Sub("start"), "model");
        AutoencoderRun.Open(dir.Sub("straight"), MicroConfig.Create(), Options(6, startModel)).Train();

        using var stop = new CancellationTokenSource();
        var first = AutoencoderRun.Open(dir.Sub("resumed"), MicroConfig.Create(), Options(6, startModel)).Train(new StopAfter(3, stop), stop.Token);
        Assert.True(first.Stopped);
        var again = AutoencoderRun.Open(dir.Sub("resumed"), MicroConfig.Create(), Options(6));
        Assert.True(again.Resuming);
        Assert.Equal(Path.GetFullPath(startModel), again.Options.DecoderFrom);
        Assert.Equal(6, again.Train().Step);

        using var straight = ModelCheckpoint.LoadAutoencoder(Path.Combine(dir.Sub("straight"), "model"));
        using var resumed = ModelCheckpoint.LoadAutoencoder(Path.Combine(dir.Sub("resumed"), "model"));
        Assert.True(WeightComparison.Identical(straight, resumed));
    }

    [Fact]
    public void ADifferentAutoencoderIsNotTheSameLatentSpace()
    {
        using var dir = new TempFolder();
        AutoencoderRun.Open(dir.Sub("a"), MicroConfig.Create(), Options(2)).Train();
        AutoencoderRun.Open(dir.Sub("b"), MicroConfig.Create(), Options(2) with { Seed = 8 }).Train();
        using var a = ModelCheckpoint.LoadAutoencoder(Path.Combine(dir.Sub("a"), "model"));
        using var b = ModelCheckpoint.LoadAutoencoder(Path.Combine(dir.Sub("b"), "model"));
        Assert.True(a.HasSameLatentSpace(a));
        Assert.False(a.HasSameLatentSpace(b));
    }

    [Fact]
    public void AnotherArchitectureIsRefused()
    {
        using var dir = new TempFolder();
        AutoencoderRun.Open(dir.Sub("start"), MicroConfig.Create(), Options(1)).Train();
        var wider = MicroConfig.Create();
        wider = wider with { Autoencoder = wider.Autoencoder with { Widths = [.. wider.Autoencoder.Widths.Select(w => w * 2)] } };
        var error = Assert.Throws<ModelConfigException>(() =>
            AutoencoderRun.Open(dir.Sub("tune"), wider, Options(2, Path.Combine(dir.Sub("start"), "model"))));
        Assert.Contains("autoencoder section differs", error.Message);
    }

    [Fact]
    public void AGrownDecoderTrainsFromTheSourceAndResumesWithItsDepth()
    {
        using var dir = new TempFolder();
        AutoencoderRun.Open(dir.Sub("start"), MicroConfig.Create(), Options(3)).Train();
        var startModel = Path.Combine(dir.Sub("start"), "model");

        using var stop = new CancellationTokenSource();
        var grow = AutoencoderRun.Open(dir.Sub("grow"), MicroConfig.Create(), Options(4, startModel) with { DecoderBlocks = 3 });
        Assert.Equal(3, grow.Config.Autoencoder.DecoderBlocksPerLevel);
        Assert.True(grow.Train(new StopAfter(2, stop), stop.Token).Stopped);

        // The same command again: a resume that notes nothing (the stored config holds the grown depth).
        var again = AutoencoderRun.Open(dir.Sub("grow"), MicroConfig.Create(), Options(4, startModel) with { DecoderBlocks = 3 });
        Assert.True(again.Resuming);
        Assert.Empty(again.Notes);
        Assert.Equal(4, again.Train().Step);

        using var before = ModelCheckpoint.LoadAutoencoder(startModel);
        using var after = ModelCheckpoint.LoadAutoencoder(again.Folder.Model);
        Assert.Equal(3, after.Options.DecoderBlocksPerLevel);
        Assert.Equal(3, ModelCheckpoint.LoadConfig(again.Folder.Model).Autoencoder.DecoderResBlocksPerLevel);
        Assert.True(after.HasSameLatentSpace(before));
        // The added blocks learned: none of their last convs is still the zero they started from.
        var added = after.named_parameters().Where(p => p.name.StartsWith("decoder.blocks.", StringComparison.Ordinal)
            && p.name.EndsWith("conv2.weight", StringComparison.Ordinal)).ToList();
        Assert.Equal(3 * MicroConfig.Create().Autoencoder.Widths.Count, added.Count);
        Assert.All(added, p => Assert.True(p.parameter.abs().sum().item<float>() > 0, p.name));
    }

    [Fact]
    public void ADecoderCannotLoseBlocksAndBlocksNeedASource()
    {
        using var dir = new TempFolder();
        AutoencoderRun.Open(dir.Sub("start"), MicroConfig.Create(), Options(1)).Train();
        var deep = AutoencoderRun.Open(dir.Sub("deep"), MicroConfig.Create(), Options(1, Path.Combine(dir.Sub("start"), "model")) with { DecoderBlocks = 2 });
        deep.Train();
        var error = Assert.Throws<ModelConfigException>(() =>
            AutoencoderRun.Open(dir.Sub("shallow"), MicroConfig.Create(), Options(1, deep.Folder.Model) with { DecoderBlocks = 1 }));
        Assert.Contains("add blocks, not remove them", error.Message);
        Assert.Throws<ArgumentException>(() => AutoencoderRun.Open(dir.Sub("none"), MicroConfig.Create(), Options(1) with { DecoderBlocks = 2 }));
    }

    [Fact]
    public void AConfigThatNamesADecoderDepthGrowsTheDecoderAndMustAgreeWithDecoderBlocks()
    {
        using var dir = new TempFolder();
        AutoencoderRun.Open(dir.Sub("start"), MicroConfig.Create(), Options(1)).Train();
        var source = Path.Combine(dir.Sub("start"), "model");
        var micro = MicroConfig.Create();
        var deeper = micro with { Autoencoder = micro.Autoencoder with { DecoderResBlocksPerLevel = micro.Autoencoder.ResBlocksPerLevel + 1 } };

        var grown = AutoencoderRun.Open(dir.Sub("grown"), deeper, Options(1, source));
        Assert.Equal(micro.Autoencoder.ResBlocksPerLevel + 1, grown.Config.Autoencoder.DecoderBlocksPerLevel);
        var error = Assert.Throws<ModelConfigException>(() =>
            AutoencoderRun.Open(dir.Sub("both"), deeper, Options(1, source) with { DecoderBlocks = micro.Autoencoder.ResBlocksPerLevel + 2 }));
        Assert.Contains("decoderResBlocksPerLevel", error.Message);
    }

    private sealed class StopAfter(long step, CancellationTokenSource source) : Runs.ITrainingReporter
    {
        public void Started(string title, long startStep, long totalSteps) { }

        public void Stepped(Runs.StepReport report)
        {
            if (report.Step >= step) source.Cancel();
        }

        public void Message(string text) { }
    }
}
