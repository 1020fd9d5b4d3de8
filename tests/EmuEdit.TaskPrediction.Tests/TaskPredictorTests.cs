namespace EmuEdit.TaskPrediction.Tests;

public class TaskPredictorTests
{
    private static readonly string[] Tasks = ["remove", "color", "background"];
    private static readonly string[] Objects = ["red circle", "blue square", "green star", "small heart", "big triangle", "yellow ring"];

    private static List<LabelledInstruction> Corpus()
    {
        var list = new List<LabelledInstruction>();
        foreach (var o in Objects)
        {
            list.Add(new($"remove the {o}", "remove"));
            list.Add(new($"delete the {o} from the picture", "remove"));
            list.Add(new($"get rid of the {o}", "remove"));
            list.Add(new($"make the image brighter around the {o}", "color"));
            list.Add(new($"increase the contrast near the {o}", "color"));
            list.Add(new($"blur the whole picture with the {o}", "color"));
            list.Add(new($"change the background behind the {o} to a beach", "background"));
            list.Add(new($"put the {o} in front of a forest background", "background"));
            list.Add(new($"replace the backdrop of the {o} with snow", "background"));
        }
        return list;
    }

    private static TaskPredictor Trained() => TaskPredictorTrainer.Train(Corpus(), Tasks, new TrainerOptions { MinFeatureCount = 1 });

    [Fact]
    public void LearnsTheTrainingSet()
    {
        var report = TaskPredictorReport.Evaluate(Trained(), Corpus());
        Assert.Equal(1.0, report.Accuracy);
        Assert.Equal(Corpus().Count / 3, report.Confusion[0][0]);
    }

    [Fact]
    public void GeneralisesToNewObjectsAndWordForms()
    {
        var p = Trained();
        Assert.Equal("remove", p.Predict("Removing the purple hexagon").Task);
        Assert.Equal("background", p.Predict("swap the background for a desert").Task);
        Assert.Equal("color", p.Predict("brighter please").Task);
    }

    [Fact]
    public void ProbabilitiesFormADistribution()
    {
        var prediction = Trained().Predict("remove the red circle");
        Assert.Equal(Tasks.Length, prediction.Probabilities.Length);
        Assert.Equal(1.0, prediction.Probabilities.Sum(), 5);
        Assert.True(prediction.Confidence > 0.5);
    }

    [Fact]
    public void AnInstructionWithNoKnownFeatureGetsThePrior()
    {
        var prediction = Trained().Predict("zzzz qqqq");
        Assert.Equal(1.0, prediction.Probabilities.Sum(), 5);
        Assert.True(prediction.Confidence < 0.9);
    }

    [Fact]
    public void TrainingIsDeterministic()
    {
        var a = Trained();
        var b = Trained();
        Assert.Equal(a.Weights, b.Weights);
    }

    [Fact]
    public void SaveAndLoadGiveTheSamePredictions()
    {
        var p = Trained();
        var path = Path.Combine(Path.GetTempPath(), $"task-predictor-{Guid.NewGuid():N}.json");
        try
        {
            TaskPredictorFile.Save(p, path);
            var q = TaskPredictorFile.Load(path);
            Assert.Equal(p.Tasks, q.Tasks);
            foreach (var e in Corpus())
            {
                var a = p.Predict(e.Instruction);
                var b = q.Predict(e.Instruction);
                Assert.Equal(a.Task, b.Task);
                Assert.Equal(a.Confidence, b.Confidence, 2); // weights are stored as float16
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void AFileOfAnotherFormatIsRejected()
    {
        var path = Path.Combine(Path.GetTempPath(), $"not-a-predictor-{Guid.NewGuid():N}.json");
        try
        {
            File.WriteAllText(path, "{\"format\":\"something-else\",\"tasks\":[\"a\"],\"feature_options\":{},\"features\":[],\"weights_f16\":\"\",\"bias\":[0]}");
            var e = Assert.Throws<InvalidDataException>(() => TaskPredictorFile.Load(path));
            Assert.Contains("something-else", e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void AnUnknownTaskLabelIsAnError()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            TaskPredictorTrainer.Train([new("do it", "nope")], Tasks, new TrainerOptions()));
        Assert.Contains("nope", e.Message);
    }
}
