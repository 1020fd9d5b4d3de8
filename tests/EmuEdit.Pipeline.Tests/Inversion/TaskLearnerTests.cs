using EmuEdit.Contracts.V1;
using EmuEdit.Pipeline.Engine;
using EmuEdit.Pipeline.Inversion;
using EmuEdit.Pipeline.Tests.Support;

namespace EmuEdit.Pipeline.Tests.Inversion;

public sealed class TaskLearnerTests(ModelFolderFixture fixture) : IClassFixture<ModelFolderFixture>
{
    private const int Steps = 3;

    private static readonly LearningExample[] Examples =
    [
        new(TestImages.Gradient(), "trace the outlines", TestImages.Gradient(shift: 90)),
        new(TestImages.Gradient(32, 48, shift: 40), "draw the contours", TestImages.Gradient(32, 48, shift: 130)),
        new(TestImages.Gradient(shift: 20), "trace the outlines", TestImages.Gradient(shift: 110)),
    ];

    private static LearnSettings Settings(int steps = 8, double learningRate = 5e-2, TaskInitialisation init = TaskInitialisation.Mean, string? task = null) =>
        new(steps, learningRate, BatchSize: 2, Seed: 4, init, task);

    [Fact]
    public async Task LearningIsReproducibleAndLeavesBuiltInEditsBitIdentical()
    {
        using var engine = InProcessEditEngine.Load(fixture.Model.Path);
        var builtIn = new EditInput("before", TestImages.Gradient(), "remove the red circle") { Task = "remove", Seed = 3, Steps = Steps };
        var before = await engine.RunAsync(builtIn);
        var learner = new TaskLearner(engine, new TaskLearnerOptions { EncodeBatchSize = 2 });
        var steps = new List<int>();

        var first = await learner.LearnAsync(Examples, Settings(), (step, _) => steps.Add(step));
        var second = await learner.LearnAsync(Examples, Settings());
        var after = await engine.RunAsync(builtIn with { Id = "after" });

        Assert.Equal(TinyModelFolder.TaskEmbeddingDim, first.Vector.Length);
        Assert.Equal(Enumerable.Range(1, 8), steps);
        Assert.Equal(first.Vector, second.Vector);
        Assert.Equal(first.Losses, second.Losses);
        Assert.Equal(first.Losses.Skip(6).Average(), first.FinalLoss(window: 2));
        Assert.Equal(before.Image, after.Image);
    }

    [Fact]
    public async Task HeldOutExamplesAreEditedWithTheCandidateWhichStaysUnregistered()
    {
        using var engine = InProcessEditEngine.Load(fixture.Model.Path);
        var learner = new TaskLearner(engine, new TaskLearnerOptions());
        var vector = Enumerable.Range(0, TinyModelFolder.TaskEmbeddingDim).Select(i => (float)Math.Cos(i)).ToArray();

        var outputs = await learner.EditAsync("contour", vector, Examples, Steps, seed: 9);
        var other = await learner.EditAsync("contour", [.. vector.Select(v => -v)], Examples.Take(1).ToList(), Steps, seed: 9);

        Assert.Equal(Examples.Length, outputs.Count);
        Assert.All(outputs, o => Assert.Equal(("contour", 1f, Steps), (o.Task, o.TaskProbability, o.Steps)));
        Assert.Equal(Examples.Select(e => TestImages.SizeOf(e.Input.ToArray())), outputs.Select(o => (o.Width, o.Height)));
        Assert.NotEqual(outputs[0].Image, other[0].Image);
        Assert.False(engine.Tasks.TryResolve("contour", out _, out _));
    }

    [Theory]
    [InlineData(TaskInitialisation.Zero, null)]
    [InlineData(TaskInitialisation.Mean, null)]
    [InlineData(TaskInitialisation.Task, "color")]
    public async Task TheVectorStartsWhereTheInitialisationSays(TaskInitialisation init, string? task)
    {
        using var engine = InProcessEditEngine.Load(fixture.Model.Path);
        var learner = new TaskLearner(engine, new TaskLearnerOptions());
        var builtIn = engine.Denoiser.BuiltInTaskVectors;
        float[] expected = init switch
        {
            TaskInitialisation.Zero => new float[TinyModelFolder.TaskEmbeddingDim],
            TaskInitialisation.Task => builtIn[engine.Denoiser.TaskNames.ToList().IndexOf(task!)],
            _ => [.. Enumerable.Range(0, TinyModelFolder.TaskEmbeddingDim).Select(i => builtIn.Average(v => v[i]))],
        };

        // One Adam step moves each value by about the learning rate, whatever the gradient.
        const double learningRate = 1e-6;
        var learned = await learner.LearnAsync(Examples, Settings(steps: 1, learningRate, init, task));

        Assert.All(learned.Vector.Zip(expected), p => Assert.InRange(p.First, p.Second - 1e-5, p.Second + 1e-5));
    }

    [Fact]
    public async Task ExamplesThatCannotBeLearnedFromAreRefused()
    {
        using var engine = InProcessEditEngine.Load(fixture.Model.Path);
        var learner = new TaskLearner(engine, new TaskLearnerOptions());

        var mismatched = await Assert.ThrowsAsync<InvalidExampleException>(() =>
            learner.LearnAsync([Examples[0], new LearningExample(TestImages.Gradient(), "x", TestImages.Gradient(32, 48))], Settings()));
        Assert.Contains("examples[1]", mismatched.Message, StringComparison.Ordinal);
        var corrupt = await Assert.ThrowsAsync<InvalidExampleException>(() =>
            learner.LearnAsync([new LearningExample(TestImages.Gradient(), "x", new byte[] { 1, 2, 3 })], Settings()));
        Assert.Contains("examples[0].output", corrupt.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<InvalidExampleException>(() => learner.LearnAsync([], Settings()));
        await Assert.ThrowsAsync<InvalidExampleException>(() => learner.LearnAsync(Examples, Settings(init: TaskInitialisation.Task, task: "no-such-task")));
    }
}
