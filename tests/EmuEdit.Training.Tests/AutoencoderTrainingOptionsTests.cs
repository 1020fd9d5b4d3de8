using EmuEdit.Training.Autoencoder;

namespace EmuEdit.Training.Tests;

public sealed class AutoencoderTrainingOptionsTests
{
    [Fact]
    public void TheRateWarmsUpStaysAndCoolsDownOverTheLastSteps()
    {
        // Steps 0..1 warm up (1/2, 1), 2..5 at the full rate, then 4 cooldown steps at 4/5 .. 1/5.
        var options = new AutoencoderTrainingOptions { LearningRate = 2.0, WarmupSteps = 2, Steps = 10, Cooldown = 4 };
        var rates = Enumerable.Range(0, 10).Select(s => Math.Round(options.LearningRateAt(s), 12)).ToArray();
        Assert.Equal([1.0, 2.0, 2.0, 2.0, 2.0, 2.0, 1.6, 1.2, 0.8, 0.4], rates);
        Assert.Equal(2.0, (options with { Cooldown = 0 }).LearningRateAt(9));
    }

    [Fact]
    public void ACooldownLongerThanTheRunIsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new AutoencoderTrainingOptions { Steps = 10, Cooldown = 11 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new AutoencoderTrainingOptions { Steps = 10, Cooldown = -1 }.Validate());
        new AutoencoderTrainingOptions { Steps = 10, Cooldown = 10 }.Validate();
    }
}
