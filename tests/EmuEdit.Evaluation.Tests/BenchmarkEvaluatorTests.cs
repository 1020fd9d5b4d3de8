using EmuEdit.Data.Tasks;
using EmuEdit.Evaluation.Benchmark;
using EmuEdit.Evaluation.Running;

namespace EmuEdit.Evaluation.Tests;

public class BenchmarkEvaluatorTests(TinyBenchmark benchmark) : IClassFixture<TinyBenchmark>
{
    private static BenchmarkEvaluator Evaluator() => new(new EditScorer(new EvaluationOptions()), new EmbeddingScorer());

    [Fact]
    public void LoadsEveryTaskWithMasksAndCaptions()
    {
        var examples = BenchmarkSuite.Load(benchmark.Root);
        Assert.Equal(EditTasks.All.Count * TinyBenchmark.PerTask, examples.Count);
        Assert.Equal(EditTasks.Unseen.Count * TinyBenchmark.PerTask, examples.Count(e => e.IsUnseen));
        Assert.All(examples, e =>
        {
            Assert.Equal(TinyBenchmark.Side, e.Input.Width);
            Assert.Equal(TinyBenchmark.Side, e.Mask.Width);
            Assert.NotEmpty(e.Instruction);
            Assert.NotEmpty(e.OutputCaption);
        });
        Assert.Equal(EditTasks.All.Count, BenchmarkSuite.Load(benchmark.Root, limitPerTask: 1).Count);
    }

    [Fact]
    public void IdentityEditorNeverSucceedsAndChangesNothing()
    {
        var run = Evaluator().Run("identity", new IdentityEditor(), BenchmarkSuite.Load(benchmark.Root));
        Assert.All(run.Outcomes, o =>
        {
            Assert.False(o.Result.Edit.Success, $"{o.Example.Id} ({o.Example.Task})");
            Assert.Equal(0.0, o.Result.Edit.InputOutputL1);
            Assert.Equal(0.0, o.Result.Edit.InputL1Outside ?? 0.0);
        });
        var summary = EvaluationSummary.Of(run.Outcomes.Select(o => o.Result).ToList());
        Assert.Equal(0.0, summary.Overall.SuccessRate);
        Assert.Equal(0.0, summary.Overall.InputOutputL1);
    }

    [Fact]
    public void OracleEditorAlwaysSucceeds()
    {
        var run = Evaluator().Run("oracle", new OracleEditor(), BenchmarkSuite.Load(benchmark.Root));
        Assert.All(run.Outcomes, o => Assert.True(o.Result.Edit.Success, $"{o.Example.Id} ({o.Example.Task})"));
        Assert.All(run.Outcomes, o => Assert.Equal(0.0, o.Result.Edit.TargetL1Inside ?? -1));
        Assert.Equal(1.0, run.TaskAccuracy);
    }

    [Fact]
    public void EditorReturningTheWrongCountFailsLoudly()
    {
        var examples = BenchmarkSuite.Load(benchmark.Root, limitPerTask: 1);
        var e = Assert.Throws<InvalidOperationException>(() => Evaluator().Run("broken", new DropsOne(), examples));
        Assert.Contains("broken", e.Message);
    }

    private sealed class DropsOne : IBenchmarkEditor
    {
        public IReadOnlyList<EditOutcome> Edit(IReadOnlyList<BenchmarkExample> batch) =>
            batch.Skip(1).Select(x => new EditOutcome(x.Input)).ToList();
    }
}
