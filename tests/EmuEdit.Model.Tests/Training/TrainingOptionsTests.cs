using EmuEdit.Model.Training;

namespace EmuEdit.Model.Tests.Training;

public class TrainingOptionsTests
{
    [Fact]
    public void WarmupRisesLinearlyThenTheRateStaysConstant()
    {
        var options = new TrainingOptions { LearningRate = 1.0, WarmupSteps = 4 };
        Assert.Equal([0.25, 0.5, 0.75, 1.0, 1.0, 1.0], Enumerable.Range(0, 6).Select(s => options.LearningRateAt(s)));
    }

    [Fact]
    public void CooldownFallsLinearlyToZeroAfterItsStart()
    {
        // Steps 0..9 at the full rate, then 4 cooldown steps at 4/5, 3/5, 2/5, 1/5, then nothing.
        var options = new TrainingOptions { LearningRate = 2.0, WarmupSteps = 0, CooldownStart = 10, CooldownSteps = 4 };
        Assert.Equal(2.0, options.LearningRateAt(9));
        var cooled = Enumerable.Range(10, 5).Select(s => Math.Round(options.LearningRateAt(s), 12)).ToArray();
        Assert.Equal([1.6, 1.2, 0.8, 0.4, 0.0], cooled);
    }

    [Fact]
    public void ACooldownInsideTheWarmupTakesTheLowerRate()
    {
        // Step 0: warmup 1/10 below cooldown 3/4; step 2: cooldown 1/4 below warmup 3/10.
        var options = new TrainingOptions { LearningRate = 1.0, WarmupSteps = 10, CooldownStart = 0, CooldownSteps = 3 };
        Assert.Equal(0.1, options.LearningRateAt(0), 12);
        Assert.Equal(0.25, options.LearningRateAt(2), 12);
    }

    [Fact]
    public void ACooldownNeedsALength()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TrainingOptions { CooldownStart = 5, CooldownSteps = 0 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new TrainingOptions { CooldownStart = -1, CooldownSteps = 3 }.Validate());
        new TrainingOptions { CooldownStart = 5, CooldownSteps = 3 }.Validate();
    }
}
