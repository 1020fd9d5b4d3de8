using System.Text.Json;
using EmuEdit.Model.Diffusion;
using EmuEdit.Model.Editing;
using EmuEdit.Model.Training;

namespace EmuEdit.Model.Tests.Diffusion;

public class DiffusionOptionsTests
{
    [Fact]
    public void DefaultsAreThePapers()
    {
        var o = new DiffusionOptions();
        Assert.Equal((1000, 0.00085, 0.012, true, "v"), (o.TrainTimesteps, o.BetaStart, o.BetaEnd, o.RescaleToZeroTerminalSnr, o.Prediction));
        Assert.Equal((1.5, 5.0), (o.ImageGuidanceScale, o.TextGuidanceScale));
        Assert.Equal((0.05, 0.05, 0.05, 0.0), (o.TextDropProbability, o.ImageDropProbability, o.BothDropProbability, o.TaskDropProbability));
        Assert.Equal(0.05, new SequentialEditThresholdOptions().Alpha);
    }

    [Fact]
    public void OptionsBindFromJson()
    {
        var o = JsonSerializer.Deserialize<DiffusionOptions>("""{"TrainTimesteps": 500, "DefaultInferenceSteps": 20, "TextGuidanceScale": 7.5, "TaskDropProbability": 0.1}""")!;
        Assert.Equal((500, 20, 7.5, 0.1), (o.TrainTimesteps, o.DefaultInferenceSteps, o.TextGuidanceScale, o.TaskDropProbability));
        o.Validate();
        var t = JsonSerializer.Deserialize<TrainingOptions>("""{"LearningRate": 0.0002, "WarmupSteps": 10, "EmaDecay": 0.99}""")!;
        Assert.Equal((0.0002, 10, 0.99), (t.LearningRate, t.WarmupSteps, t.EmaDecay));
        var i = JsonSerializer.Deserialize<TaskInversionOptions>("""{"Steps": 50, "BatchSize": 2}""")!;
        Assert.Equal((50, 2), (i.Steps, i.BatchSize));
    }
}
