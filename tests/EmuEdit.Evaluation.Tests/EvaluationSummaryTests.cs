namespace EmuEdit.Evaluation.Tests;

public class EvaluationSummaryTests
{
    private static ExampleResult Result(string task, string? category, bool success, double l1) => new(
        task, category,
        new EditScore
        {
            InputOutputL1 = l1, TargetL1Inside = 0.1, InputTargetL1Inside = 0.3, InputL1Outside = null,
            PsnrToTarget = 20, Success = success,
        },
        new EmbeddingScores());

    [Fact]
    public void SummariesGroupByTaskAndCategory()
    {
        var results = new[]
        {
            Result("remove", "remove", true, 0.1),
            Result("remove", "remove", false, 0.3),
            Result("color", null, true, 0.2),
        };
        var summary = EvaluationSummary.Of(results);
        Assert.Equal(3, summary.Overall.Count);
        Assert.Equal(2.0 / 3, summary.Overall.SuccessRate, 6);
        Assert.Equal(0.5, summary.PerTask["remove"].SuccessRate, 6);
        Assert.Equal(0.2, summary.PerTask["remove"].InputOutputL1, 6);
        Assert.Equal(1.0, summary.PerTask["color"].SuccessRate);
        Assert.Single(summary.PerCategory);
        Assert.Null(summary.Overall.InputL1Outside);
    }
}
