using EmuEdit.Data.Generation;
using EmuEdit.Data.Tasks;
using EmuEdit.Model;
using EmuEdit.Model.Configuration;
using EmuEdit.Model.Diffusion;
using EmuEdit.Model.Training;
using static TorchSharp.torch;

namespace EmuEdit.Cli.Bench;

/// <summary>
/// Measures a preset's model on this machine with random weights (speed does not depend on training):
/// the training step, the guided sampling step for one edit and for a batch of edits, and autoencoder
/// encode/decode of one image. Parameter counts come from every counted preset.
/// </summary>
public sealed class ModelBenchmark(ModelBenchOptions options, Action<string>? log = null)
{
    public ModelBenchReport Run(string command)
    {
        options.Validate();
        TorchRuntime.Initialise(options.Threads);
        var loadBefore = MachineInfo.LoadAverage();
        var counts = options.CountedPresets.Select(p => ParameterCounts.Of(ModelConfig.LoadPreset(p))).ToList();
        foreach (var c in counts) log?.Invoke($"{c.Preset}: {c.Total:N0} parameters");

        var config = ModelConfig.LoadPreset(options.Preset);
        var side = config.Autoencoder.ImageSize;
        var latentSide = side / config.Autoencoder.DownFactor;
        long[] latentShape = [config.Autoencoder.LatentChannels, latentSide, latentSide];
        var instructions = TrainingInstructions(options.TrainBatch);
        using var model = EmuEditModel.Create(config, instructions);
        foreach (var p in model.Autoencoder.parameters()) p.requires_grad = false; // the editor's trainer does not train it
        var schedule = new NoiseSchedule(config.Diffusion);
        manual_seed(0);

        var train = MeasureTrainStep(model, schedule, config, instructions, latentShape);
        log?.Invoke($"train step (batch {options.TrainBatch}): median {train.MedianMs} ms");
        model.eval();
        var one = MeasureGuidedStep(model, schedule, instructions, latentShape, jobs: 1);
        log?.Invoke($"guided step, 1 job: median {one.MedianMs} ms");
        var many = MeasureGuidedStep(model, schedule, instructions, latentShape, options.BatchedJobs);
        log?.Invoke($"guided step, {options.BatchedJobs} jobs: median {many.MedianMs} ms");
        var (encode, decode) = MeasureAutoencoder(model, side);
        log?.Invoke($"autoencoder encode {encode.MedianMs} ms, decode {decode.MedianMs} ms");

        return new ModelBenchReport
        {
            Command = command,
            CreatedUtc = DateTimeOffset.UtcNow,
            Machine = new MachineInfo
            {
                CpuModel = MachineInfo.CpuModelName(),
                LogicalCores = Environment.ProcessorCount,
                TorchThreads = options.Threads > 0 ? options.Threads : Environment.ProcessorCount,
                LoadAverageBefore = loadBefore,
                LoadAverageAfter = MachineInfo.LoadAverage(),
            },
            Parameters = counts,
            Preset = config.Name,
            ImageSize = side,
            LatentShape = latentShape.Select(d => (int)d).ToArray(),
            TrainBatch = options.TrainBatch,
            BatchedJobs = options.BatchedJobs,
            TrainStep = train,
            GuidedStepOneJob = one,
            GuidedStepBatched = many,
            AutoencoderEncode = encode,
            AutoencoderDecode = decode,
        };
    }

    private TimingStats MeasureTrainStep(EmuEditModel model, NoiseSchedule schedule, ModelConfig config, IReadOnlyList<string> instructions, long[] latentShape)
    {
        using var trainer = new EditorTrainer(model, model.VelocityModel, schedule, config.Diffusion, new TrainingOptions());
        var b = options.TrainBatch;
        long[] shape = [b, .. latentShape];
        using var target = randn(shape);
        using var input = randn(shape);
        var tasks = Enumerable.Range(0, b).Select(i => i % config.Tasks.Count).ToArray();
        return TimingStats.Measure(() =>
        {
            using var scope = NewDisposeScope();
            // The batch is built inside the step, as the trainer does: the task rows and the text encoding carry gradients.
            var conditioning = model.ConditionOnLatents(input, instructions.Take(b).ToList(), model.TaskVectors(tasks), trimPadding: true);
            trainer.Step(new DiffusionBatch(target, conditioning));
        }, options.Warmup, options.Iterations);
    }

    private TimingStats MeasureGuidedStep(EmuEditModel model, NoiseSchedule schedule, IReadOnlyList<string> instructions, long[] latentShape, int jobs)
    {
        var steps = options.Warmup + options.Iterations + 1; // the jobs must not finish while being timed
        if (steps > schedule.TrainTimesteps)
            throw new ArgumentException($"warmup + iterations must stay below {schedule.TrainTimesteps} for the sampling measurement");
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var sampler = new EditSampler(schedule);
        var active = Enumerable.Range(0, jobs).Select(j =>
        {
            var conditioning = model.ConditionOnLatents(randn([1, .. latentShape]), [instructions[j % instructions.Count]], model.TaskVectors([j % model.TaskNames.Count]));
            return new SamplerJob(schedule, conditioning, steps, new GuidanceScales(1.5, 5.0), seed: j);
        }).ToList();
        try
        {
            return TimingStats.Measure(() => sampler.Step(model.VelocityModel, active), options.Warmup, options.Iterations);
        }
        finally
        {
            foreach (var j in active) j.Dispose();
        }
    }

    private (TimingStats Encode, TimingStats Decode) MeasureAutoencoder(EmuEditModel model, int side)
    {
        using var noGrad = no_grad();
        using var image = rand([1, 3, side, side]) * 2 - 1;
        using var latent = model.EncodeImages(image);
        var encode = TimingStats.Measure(() => model.EncodeImages(image).Dispose(), options.Warmup, options.Iterations);
        var decode = TimingStats.Measure(() => model.DecodeLatents(latent).Dispose(), options.Warmup, options.Iterations);
        return (encode, decode);
    }

    /// <summary>Real instructions from the data generator, so the tokenizer and text lengths are realistic.</summary>
    private static IReadOnlyList<string> TrainingInstructions(int count)
    {
        var generator = new ExampleGenerator();
        return Enumerable.Range(0, count)
            .Select(i => generator.Generate(EditTasks.Trained[i % EditTasks.Trained.Count], i, Split.Train).Instruction)
            .ToList();
    }
}
