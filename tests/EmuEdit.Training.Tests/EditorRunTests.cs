using EmuEdit.Model.Checkpoints;
using EmuEdit.Model.Configuration;
using EmuEdit.Training.Autoencoder;
using EmuEdit.Training.Editor;
using EmuEdit.Training.Runs;

namespace EmuEdit.Training.Tests;

/// <summary>Shares one trained micro autoencoder between the editor tests.</summary>
public sealed class MicroAutoencoderFixture : IDisposable
{
    private readonly TempFolder _folder = new();

    public MicroAutoencoderFixture()
    {
        var options = new AutoencoderTrainingOptions
        {
            Steps = 2, BatchSize = 4, WarmupSteps = 0, CheckpointEvery = 100, EvalEvery = 100, ValidationImages = 4, CalibrationImages = 8,
        };
        AutoencoderRun.Open(_folder.Path, MicroConfig.Create(), options).Train();
    }

    public string Model => Path.Combine(_folder.Path, "model");

    public void Dispose() => _folder.Dispose();
}

public sealed class EditorRunTests(MicroAutoencoderFixture autoencoder) : IClassFixture<MicroAutoencoderFixture>
{
    private static EditorTrainingOptions Options(long steps) => new()
    {
        Steps = steps, BatchSize = 8, ExamplesPerTask = 2, LearningRate = 2e-3, WarmupSteps = 0, Seed = 3,
        CheckpointEvery = 100, EvalEvery = 100, ValidationExamples = 8, EncodeBatch = 16,
    };

    [Fact]
    public void TrainingLowersTheLossAndSavesTheEmaWeights()
    {
        using var dir = new TempFolder();
        var run = EditorRun.Open(dir.Path, autoencoder.Model, MicroConfig.Create(), Options(16) with { TaskDropProbability = 0.5 });
        Assert.Equal(0.5, run.Config.Diffusion.TaskDropProbability);
        var result = run.Train();
        Assert.Equal(16, result.Step);

        var losses = File.ReadAllLines(run.Folder.Metrics).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("loss").GetDouble()).ToList();
        Assert.True(losses.Skip(12).Average() < losses.Take(4).Average(), $"loss did not fall: {string.Join(", ", losses)}");
        Assert.NotNull(result.LastValidationLoss);

        using var model = ModelCheckpoint.Load(run.Folder.Model);
        Assert.Equal(0.5, model.Config.Diffusion.TaskDropProbability);
        using var ae = ModelCheckpoint.LoadAutoencoder(autoencoder.Model);
        Assert.True(WeightComparison.Identical(ae, model.Autoencoder)); // frozen
        Assert.True(File.Exists(Path.Combine(dir.Path, LatentCache.DataFile)));
    }

    [Fact]
    public void TheModelFolderGetsTheRawWeightsWhileTheAverageValidatesWorse()
    {
        // Decay 1 keeps the average at the random start, which validates worse than 16 trained steps;
        // decay 0 makes the average equal the raw weights. The raw trajectory is the same in both runs,
        // so the first run's model folder must hold exactly the second's weights, not its random start.
        using var dir = new TempFolder();
        var frozenAverage = EditorRun.Open(dir.Sub("frozen"), autoencoder.Model, MicroConfig.Create(), Options(16) with { EmaDecay = 1.0 });
        var result = frozenAverage.Train();
        Assert.True(result.LastValidationLoss < result.LastValidationLossEma, $"raw {result.LastValidationLoss} vs average {result.LastValidationLossEma}");
        var followingAverage = EditorRun.Open(dir.Sub("following"), autoencoder.Model, MicroConfig.Create(), Options(16) with { EmaDecay = 0.0 });
        followingAverage.Train();

        using var a = ModelCheckpoint.Load(frozenAverage.Folder.Model);
        using var b = ModelCheckpoint.Load(followingAverage.Folder.Model);
        Assert.True(WeightComparison.Identical(a, b));

        // Either set can still be taken from the state: the raw weights are the model folder's, the frozen
        // average is not; where the average follows the weights exactly, both are the same.
        using var raw = EditorRunWeights.Load(frozenAverage.Folder.Root, RunWeights.Raw);
        using var average = EditorRunWeights.Load(frozenAverage.Folder.Root, RunWeights.Ema);
        Assert.True(WeightComparison.Identical(a, raw));
        Assert.False(WeightComparison.Identical(raw, average));
        Assert.True(WeightComparison.Identical(raw.Autoencoder, average.Autoencoder)); // frozen, not averaged
        using var followed = EditorRunWeights.Load(followingAverage.Folder.Root, RunWeights.Ema);
        Assert.True(WeightComparison.Identical(b, followed));
    }

    [Fact]
    public void WeightsFromTheStateNeedARunFolder()
    {
        using var dir = new TempFolder();
        Assert.Throws<InvalidDataException>(() => EditorRunWeights.Load(dir.Path, RunWeights.Ema));
    }

    [Fact]
    public void AStoppedRunResumesToTheSameWeightsAsAnUninterruptedOne()
    {
        using var dir = new TempFolder();
        var (straight, first, again, finished) = StraightAndResumed(dir, MicroConfig.Create, Options(5), stopAfter: 2);
        Assert.True(first.Stopped);
        Assert.True(again.Resuming);
        Assert.Equal(5, finished.Step);

        using var a = ModelCheckpoint.Load(straight.Folder.Model);
        using var b = ModelCheckpoint.Load(again.Folder.Model);
        Assert.True(WeightComparison.Identical(a, b));
        Assert.Equal(
            File.ReadAllBytes(Path.Combine(straight.Folder.State, RunStateFiles.Trainer)),
            File.ReadAllBytes(Path.Combine(again.Folder.State, RunStateFiles.Trainer)));
    }

    [Fact]
    public void AConstantRateRunIsCooledDownOnResume()
    {
        using var dir = new TempFolder();
        EditorRun.Open(dir.Path, autoencoder.Model, MicroConfig.Create(), Options(3)).Train();
        var cooled = EditorRun.Open(dir.Path, null, MicroConfig.Create(), Options(5) with { Cooldown = 2 });
        Assert.Empty(cooled.Notes); // the cooldown is adjustable, like the step count
        Assert.Equal(5, cooled.Train().Step);

        var rates = File.ReadAllLines(cooled.Folder.Metrics).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement)
            .Where(e => e.TryGetProperty("lr", out _))
            .ToDictionary(e => e.GetProperty("step").GetInt64(), e => e.GetProperty("lr").GetDouble());
        Assert.Equal(2e-3, rates[3], 9);
        Assert.Equal(2e-3 * 2 / 3, rates[4], 9);
        Assert.Equal(2e-3 / 3, rates[5], 9);
        Assert.Throws<ArgumentOutOfRangeException>(() => EditorRun.Open(dir.Path, null, MicroConfig.Create(), Options(5) with { Cooldown = 6 }));
    }

    [Fact]
    public void ANewRunStartsFromAnotherEditorsUNetAndTaskTableWithAFreshTextEncoder()
    {
        using var dir = new TempFolder();
        var source = EditorRun.Open(dir.Sub("source"), autoencoder.Model, MicroConfig.Create(), Options(2));
        source.Train();

        // A warmup of a million steps makes the first step's rate ~2e-9: the weights after it are the start's.
        var options = Options(1) with { InitFrom = source.Folder.Model, WarmupSteps = 1_000_000, EmaDecay = 0.0, Seed = 4 };
        var run = EditorRun.Open(dir.Sub("init"), autoencoder.Model, MicroConfig.Create(), options);
        run.Train();
        using var from = ModelCheckpoint.Load(source.Folder.Model);
        using var started = ModelCheckpoint.Load(run.Folder.Model);
        var freshRun = EditorRun.Open(dir.Sub("fresh"), autoencoder.Model, MicroConfig.Create(), options with { InitFrom = null });
        freshRun.Train();
        using var fresh = ModelCheckpoint.Load(freshRun.Folder.Model);
        Assert.True(WeightComparison.Close(from.UNet, started.UNet, 1e-6));
        Assert.True(WeightComparison.Close(from.Tasks, started.Tasks, 1e-6));
        Assert.False(WeightComparison.Close(from.TextEncoder, started.TextEncoder, 1e-3));
        Assert.True(WeightComparison.Close(fresh.TextEncoder, started.TextEncoder, 1e-6)); // the text encoder is the seed's fresh one

        var wider = MicroConfig.Create() with { UNet = MicroConfig.Create().UNet with { BaseWidth = 32 } };
        var e = Assert.Throws<ArgumentException>(() => EditorRun.Open(dir.Sub("mismatch"), autoencoder.Model, wider, options));
        Assert.Contains("--init-from", e.Message);
        // Same shapes, another meaning: a U-Net that learned z_out cannot start one that learns z_out - z_in.
        var residual = MicroConfig.Create() with { Diffusion = new EmuEdit.Model.Diffusion.DiffusionOptions { Target = EmuEdit.Model.Diffusion.DiffusionOptions.ResidualTarget } };
        e = Assert.Throws<ArgumentException>(() => EditorRun.Open(dir.Sub("residual"), autoencoder.Model, residual, options));
        Assert.Contains("diffusion target", e.Message);
    }

    [Fact]
    public void ANewRunOverTheSamePretrainedEncoderTakesTheTextHeadToo()
    {
        using var dir = new TempFolder();
        var config = MicroConfig.WithPretrainedTextEncoder();
        var source = EditorRun.Open(dir.Sub("source"), autoencoder.Model, config, Options(2));
        source.Train();

        // As above: a first step at ~2e-9 of the rate leaves the start's weights.
        var options = Options(1) with { InitFrom = source.Folder.Model, WarmupSteps = 1_000_000, EmaDecay = 0.0, Seed = 4 };
        var run = EditorRun.Open(dir.Sub("init"), autoencoder.Model, config, options);
        run.Train();
        using var from = ModelCheckpoint.Load(source.Folder.Model);
        using var started = ModelCheckpoint.Load(run.Folder.Model);
        Assert.True(WeightComparison.Close(from.UNet, started.UNet, 1e-6));
        Assert.True(WeightComparison.Close(from.Instructions.Module, started.Instructions.Module, 1e-6));

        // A head of another shape over the same encoder starts fresh.
        var wider = config with { TextEncoder = config.TextEncoder with { Layers = config.TextEncoder.Layers + 1 } };
        var other = EditorRun.Open(dir.Sub("other-head"), autoencoder.Model, wider, options);
        other.Train();
        using var otherHead = ModelCheckpoint.Load(other.Folder.Model);
        Assert.True(WeightComparison.Close(from.UNet, otherHead.UNet, 1e-6));
    }

    [Fact]
    public void TheLatentCacheRoundTripsAndIsReusedOnlyForItsKey()
    {
        using var dir = new TempFolder();
        var key = new LatentCacheKey(2, 0, 16, "abc", ["t0", "t1"]);
        LatentCacheEntry[] entries = [new(0, 1, "make it red"), new(1, 2, "remove the star"), new(1, 3, "add a moon")];
        using var input = TorchSharp.torch.randn(3, 4, 8, 8);
        using var target = TorchSharp.torch.randn(3, 4, 8, 8);
        using (var written = LatentCache.Write(dir.Path, key, entries, [4, 8, 8], w => w.Write(input, target)))
            Assert.Equal(3, written.Count);

        using var cache = LatentCache.TryLoad(dir.Path, key with { Tasks = ["t0", "t1"] });
        Assert.NotNull(cache);
        Assert.Equal(entries, cache.Entries);
        var (x, y) = cache.Latents([2, 0]);
        using (x)
        using (y)
        {
            using var expectedX = TorchSharp.torch.stack([input[2], input[0]]).to(TorchSharp.torch.ScalarType.Float16).to(TorchSharp.torch.ScalarType.Float32);
            using var expectedY = TorchSharp.torch.stack([target[2], target[0]]).to(TorchSharp.torch.ScalarType.Float16).to(TorchSharp.torch.ScalarType.Float32);
            Assert.True(x.equal(expectedX).all().item<bool>()); // float16 storage, exact after the same rounding
            Assert.True(y.equal(expectedY).all().item<bool>());
        }
        Assert.Null(LatentCache.TryLoad(dir.Path, key with { AutoencoderSha256 = "other" }));
        Assert.Null(LatentCache.TryLoad(dir.Path, key with { ExamplesPerTask = 3 }));
    }

    [Fact]
    public void APretrainedTextEncodersTokenStatesAreCachedWithoutChangingTheRun()
    {
        using var dir = new TempFolder();
        var messages = new Messages();
        // 8 steps: two epochs of the 32 examples, so the second reads every training instruction from the cache.
        var cached = EditorRun.Open(dir.Sub("cached"), autoencoder.Model, MicroConfig.WithPretrainedTextEncoder(), Options(8));
        Assert.True(cached.Options.CacheTokenStates); // the default
        cached.Train(messages);
        var uncached = EditorRun.Open(dir.Sub("uncached"), autoencoder.Model, MicroConfig.WithPretrainedTextEncoder(), Options(8) with { CacheTokenStates = false });
        uncached.Train();

        Assert.Contains(messages.Lines, m => m.Contains("token states cached", StringComparison.Ordinal));
        Assert.Contains(messages.Lines, m => m.StartsWith("token-state cache: ", StringComparison.Ordinal));
        // The same draws on the same states (up to the rounding of differently shaped encoder batches).
        var a = Losses(cached.Folder.Metrics);
        var b = Losses(uncached.Folder.Metrics);
        Assert.Equal(8, a.Count);
        Assert.All(a.Zip(b), p => Assert.Equal(p.First, p.Second, 1e-4 * Math.Max(1, Math.Abs(p.First))));
        var validation = ValidationLoss(cached.Folder.Metrics);
        Assert.Equal(validation, ValidationLoss(uncached.Folder.Metrics), 1e-4 * Math.Max(1, validation));

        // A speed setting: it may change on resume without a note.
        var resumed = EditorRun.Open(dir.Sub("cached"), null, MicroConfig.WithPretrainedTextEncoder(), Options(9) with { CacheTokenStates = false });
        Assert.Empty(resumed.Notes);
        Assert.False(resumed.Options.CacheTokenStates);
    }

    [Fact]
    public void ARunWithCachedTokenStatesResumesWhereTheUninterruptedOneEnds()
    {
        // The resumed process starts with an empty cache and refills it from other batches than the
        // uninterrupted one did; the states it holds must not depend on that. 6 steps span two epochs.
        // To float rounding, not bit-exactly: with the pretrained text encoder a last bit of the trainer state
        // changed between two runs of the same steps under CPU contention, also with ONNX Runtime on one
        // thread, so most likely in LibTorch's threaded kernels (the compact text encoder's runs stay
        // bit-identical under the same load: AStoppedRunResumesToTheSameWeightsAsAnUninterruptedOne).
        using var dir = new TempFolder();
        var (straight, _, again, finished) = StraightAndResumed(dir, MicroConfig.WithPretrainedTextEncoder, Options(6), stopAfter: 2);
        Assert.Equal(6, finished.Step);

        using var a = EditorRunWeights.Load(straight.Folder.Root, RunWeights.Raw);
        using var b = EditorRunWeights.Load(again.Folder.Root, RunWeights.Raw);
        Assert.True(WeightComparison.Close(a, b, 1e-5));
        Assert.Equal(Losses(straight.Folder.Metrics), Losses(again.Folder.Metrics), (x, y) => Math.Abs(x - y) <= 1e-5);
    }

    /// <summary>
    /// The same run twice: straight through, and stopped after <paramref name="stopAfter"/> steps then
    /// resumed by a new <see cref="EditorRun"/> on the same folder (as a new process would).
    /// </summary>
    private (EditorRun Straight, EditorRunResult Stopped, EditorRun Resumed, EditorRunResult Finished) StraightAndResumed(
        TempFolder dir, Func<ModelConfig> config, EditorTrainingOptions options, long stopAfter)
    {
        var straight = EditorRun.Open(dir.Sub("straight"), autoencoder.Model, config(), options);
        straight.Train();
        using var stop = new CancellationTokenSource();
        var stopped = EditorRun.Open(dir.Sub("resumed"), autoencoder.Model, config(), options).Train(new StopAfter(stopAfter, stop), stop.Token);
        var resumed = EditorRun.Open(dir.Sub("resumed"), null, config(), options);
        return (straight, stopped, resumed, resumed.Train());
    }

    private static double ValidationLoss(string metrics) =>
        File.ReadAllLines(metrics).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement)
            .Last(e => e.TryGetProperty("val_loss", out _)).GetProperty("val_loss").GetDouble();

    private static List<double> Losses(string metrics) =>
        File.ReadAllLines(metrics).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("loss").GetDouble()).ToList();

    [Fact]
    public void EpochsVisitEveryExampleOnceInASeededOrder()
    {
        var sampler = new EpochSampler(10, 3, seed: 5);
        var epoch = Enumerable.Range(1, sampler.BatchesPerEpoch).SelectMany(s => sampler.Rows(s)).ToList();
        Assert.Equal(9, epoch.Count);
        Assert.Equal(9, epoch.Distinct().Count());
        Assert.Equal(sampler.Rows(4), new EpochSampler(10, 3, seed: 5).Rows(4));
        Assert.NotEqual(sampler.Rows(1), sampler.Rows(4));
    }

    private sealed class Messages : ITrainingReporter
    {
        public List<string> Lines { get; } = [];

        public void Started(string title, long startStep, long totalSteps) { }

        public void Stepped(StepReport report) { }

        public void Message(string text) => Lines.Add(text);
    }

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
