using EmuEdit.Model.Diffusion;
using EmuEdit.Model.Tests.Diffusion;
using EmuEdit.Model.Training;

namespace EmuEdit.Model.Tests.Training;

public class EditorTrainerTests
{
    private readonly DiffusionOptions _diffusion = new();
    private readonly NoiseSchedule _schedule;
    private readonly TrainingOptions _training = new() { LearningRate = 3e-3, WarmupSteps = 3, EmaDecay = 0.9, Seed = 17 };

    public EditorTrainerTests()
    {
        TorchRuntime.Initialise();
        _schedule = new NoiseSchedule(_diffusion);
    }

    [Fact]
    public void AFewStepsLowerTheLoss()
    {
        var model = TestConditioning.Model();
        var batch = TrainingData.Batch(3, rows: 16);
        var before = TrainingData.EvaluationLoss(model, _schedule, batch);
        using var trainer = new EditorTrainer(model, model, _schedule, _diffusion, _training);
        TrainingStepResult last = default;
        for (var i = 0; i < 40; i++) last = trainer.Step(batch);
        var after = TrainingData.EvaluationLoss(model, _schedule, batch);
        Assert.True(after < before, $"loss {before} -> {after}");
        Assert.Equal(40, last.Step);
        Assert.Equal(40, trainer.StepCount);
        Assert.Equal(_training.LearningRate, last.LearningRate);
    }

    [Fact]
    public void WarmupRisesLinearly()
    {
        var model = TestConditioning.Model();
        using var trainer = new EditorTrainer(model, model, _schedule, _diffusion, _training);
        var batch = TrainingData.Batch(4);
        var rates = Enumerable.Range(0, 4).Select(_ => trainer.Step(batch).LearningRate).ToArray();
        Assert.Equal(new[] { 1e-3, 2e-3, 3e-3, 3e-3 }, rates.Select(r => Math.Round(r, 12)));
    }

    [Fact]
    public void ResumingFromSavedStateMatchesAnUninterruptedRun()
    {
        var batches = Enumerable.Range(0, 6).Select(i => TrainingData.Batch(100 + i)).ToList();

        var straight = TestConditioning.Model(seed: 1);
        using (var trainer = new EditorTrainer(straight, straight, _schedule, _diffusion, _training))
        {
            foreach (var b in batches) trainer.Step(b);
            trainer.Ema.Apply();
        }

        var first = TestConditioning.Model(seed: 1);
        using var state = new MemoryStream();
        using (var trainer = new EditorTrainer(first, first, _schedule, _diffusion, _training))
        {
            foreach (var b in batches.Take(3)) trainer.Step(b);
            trainer.SaveState(state);
        }

        // A fresh process: different initial weights, fresh optimiser, EMA and generator, all overwritten by the state.
        var resumed = TestConditioning.Model(seed: 99);
        state.Position = 0;
        using (var trainer = new EditorTrainer(resumed, resumed, _schedule, _diffusion, _training))
        {
            trainer.LoadState(state);
            Assert.Equal(3, trainer.StepCount);
            foreach (var b in batches.Skip(3)) trainer.Step(b);
            Assert.Equal(6, trainer.StepCount);
            trainer.Ema.Apply();
        }

        var expected = straight.parameters().ToList();
        var actual = resumed.parameters().ToList();
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++) Assert.True(expected[i].IsBitEqual(actual[i]), $"parameter {i} differs");
    }

    [Fact]
    public void EmaApplyAndRestoreSwapWeightsExactly()
    {
        var model = TestConditioning.Model();
        using var trainer = new EditorTrainer(model, model, _schedule, _diffusion, _training);
        var batch = TrainingData.Batch(5);
        for (var i = 0; i < 3; i++) trainer.Step(batch);
        var trained = TrainingData.Snapshot(model);
        var averages = trainer.Ema.Averages();

        trainer.Ema.Apply();
        var names = model.named_parameters().Select(p => p.name).ToList();
        var applied = model.parameters().ToList();
        for (var i = 0; i < names.Count; i++) Assert.True(applied[i].IsBitEqual(averages[names[i]]));
        Assert.False(applied[0].IsBitEqual(trained[0]));
        Assert.Throws<InvalidOperationException>(() => trainer.Step(batch));

        trainer.Ema.Restore();
        var restored = model.parameters().ToList();
        for (var i = 0; i < trained.Count; i++) Assert.True(restored[i].IsBitEqual(trained[i]));
    }
}
