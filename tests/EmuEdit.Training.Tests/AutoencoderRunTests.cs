using EmuEdit.Model.Checkpoints;
using EmuEdit.Training.Autoencoder;
using EmuEdit.Training.Runs;

namespace EmuEdit.Training.Tests;

public sealed class AutoencoderRunTests
{
    private static AutoencoderTrainingOptions Options(long steps) => new()
    {
        Steps = steps, BatchSize = 8, LearningRate = 3e-3, WarmupSteps = 0, Seed = 7,
        CheckpointEvery = 100, EvalEvery = 100, ValidationImages = 8, CalibrationImages = 8,
    };

    [Fact]
    public void TrainingLowersTheLossAndWritesTheRunFolder()
    {
        using var dir = new TempFolder();
        var run = AutoencoderRun.Open(dir.Path, MicroConfig.Create(), Options(12));
        var result = run.Train();
        Assert.Equal(12, result.Step);

        var losses = File.ReadAllLines(run.Folder.Metrics).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("loss").GetDouble()).ToList();
        Assert.Equal(12, losses.Count);
        Assert.True(losses.Skip(9).Average() < losses.Take(3).Average(), $"loss did not fall: {string.Join(", ", losses)}");
        Assert.True(result.LastPsnr > 0);
        using var autoencoder = ModelCheckpoint.LoadAutoencoder(run.Folder.Model);
        Assert.Equal(result.LatentScale, autoencoder.LatentScale, 4);
    }

    [Fact]
    public void AStoppedRunResumesToTheSameWeightsAsAnUninterruptedOne()
    {
        using var dir = new TempFolder();
        AutoencoderRun.Open(dir.Sub("straight"), MicroConfig.Create(), Options(6)).Train();

        using var stop = new CancellationTokenSource();
        var first = AutoencoderRun.Open(dir.Sub("resumed"), MicroConfig.Create(), Options(6)).Train(new StopAfter(3, stop), stop.Token);
        Assert.True(first.Stopped);
        Assert.Equal(3, first.Step);
        var again = AutoencoderRun.Open(dir.Sub("resumed"), MicroConfig.Create(), Options(6) with { Seed = 99 });
        Assert.True(again.Resuming);
        Assert.Contains(again.Notes, n => n.Contains("Seed"));
        Assert.Equal(6, again.Train().Step);

        using var straight = ModelCheckpoint.LoadAutoencoder(Path.Combine(dir.Sub("straight"), "model"));
        using var resumed = ModelCheckpoint.LoadAutoencoder(Path.Combine(dir.Sub("resumed"), "model"));
        Assert.True(WeightComparison.Identical(straight, resumed));
        Assert.Equal(6, File.ReadAllLines(Path.Combine(dir.Sub("resumed"), "metrics.jsonl")).Length);
    }

    [Fact]
    public void ContinuingFromWeightsAloneDiverges()
    {
        // Guards the test above: if a resume dropped the AdamW moments or the noise generator it would not
        // match, so the match there means the state really is restored.
        using var dir = new TempFolder();
        var options = Options(4);
        var images = new AutoencoderImages(16, options.Seed);
        var config = MicroConfig.Create();
        TorchSharp.torch.manual_seed(1);
        using var straight = new EmuEdit.Model.Networks.Autoencoder(config.Autoencoder);
        using var partial = new EmuEdit.Model.Networks.Autoencoder(config.Autoencoder);
        partial.load_state_dict(straight.state_dict());
        var path = Path.Combine(dir.Path, "trainer.bin");
        using (var a = new AutoencoderTrainer(straight, options))
        using (var b = new AutoencoderTrainer(partial, options))
        {
            for (var step = 1; step <= 2; step++)
            {
                a.Step(Batch(images, step));
                b.Step(Batch(images, step));
            }
            b.SaveState(path);
            for (var step = 3; step <= 4; step++) a.Step(Batch(images, step));
        }
        using var resumed = new EmuEdit.Model.Networks.Autoencoder(config.Autoencoder);
        using var weightsOnly = new EmuEdit.Model.Networks.Autoencoder(config.Autoencoder);
        using (var c = new AutoencoderTrainer(resumed, options))
        {
            c.LoadState(path);
            Assert.Equal(2, c.StepCount);
            weightsOnly.load_state_dict(resumed.state_dict());
            for (var step = 3; step <= 4; step++) c.Step(Batch(images, step));
        }
        using (var d = new AutoencoderTrainer(weightsOnly, options))
            for (var step = 3; step <= 4; step++) d.Step(Batch(images, step));
        Assert.True(WeightComparison.Identical(straight, resumed));
        Assert.False(WeightComparison.Identical(straight, weightsOnly));
    }

    private static TorchSharp.torch.Tensor Batch(AutoencoderImages images, long step) =>
        EmuEdit.Training.Data.ImageTensors.ToTensor(images.TrainBatch(step, 8), 8, 16, 16);

    /// <summary>Cancels after a given step, as Ctrl+C would.</summary>
    private sealed class StopAfter(long step, CancellationTokenSource source) : ITrainingReporter
    {
        public void Started(string title, long startStep, long totalSteps) { }

        public void Stepped(StepReport report)
        {
            if (report.Step >= step) source.Cancel();
        }

        public void Message(string text) { }
    }
}
