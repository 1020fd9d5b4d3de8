using System.Text.Json;
using EmuEdit.Data.Tasks;
using EmuEdit.TaskPrediction;
using EmuEdit.Training.TaskPredictor;

namespace EmuEdit.Training.Tests;

public sealed class TaskPredictorRunTests
{
    [Fact]
    public void TrainsWritesThePredictorAndAnHonestReport()
    {
        using var dir = new TempFolder();
        var path = Path.Combine(dir.Path, "task_predictor.json");
        var options = new TaskPredictorTrainingOptions { PerTask = 40, BenchmarkPerTask = 4, ValidationPerTask = 8 };
        var report = TaskPredictorRun.Run(path, options);

        var predictor = TaskPredictorFile.Load(path);
        Assert.Equal(EditTasks.Trained, predictor.Tasks);
        Assert.Equal(16 * 4, report.Evaluation.Count);
        Assert.Equal(EditTasks.Trained.ToHashSet(), report.PerTaskAccuracy.Keys.ToHashSet());
        Assert.Equal(report.Evaluation.Confusion.Select((row, i) => row[i]).Sum() / 64.0, report.Accuracy, 9);
        // Training phrasings on unseen seeds are the easy case; even 40 examples a task should get most right.
        Assert.True(report.ValidationAccuracy > 0.9, $"validation accuracy {report.ValidationAccuracy}");
        // The default run learns over the packaged sentence encoder and says so in the file and the report.
        Assert.Equal(TaskPredictorTrainingOptions.DefaultEncoder, predictor.Encoder?.Name);
        Assert.Equal(predictor.Encoder, report.Encoder);

        using var json = JsonDocument.Parse(File.ReadAllText(TaskPredictorRun.ReportPath(path)));
        Assert.Equal(report.Accuracy, json.RootElement.GetProperty("accuracy").GetDouble(), 9);
        Assert.Equal(16, json.RootElement.GetProperty("evaluation").GetProperty("confusion").GetArrayLength());
    }
}
