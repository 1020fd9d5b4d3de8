using EmuEdit.Model.Training;
using EmuEdit.Pipeline.Engine;
using EmuEdit.Pipeline.Imaging;
using static TorchSharp.torch;
using TaskInitialisation = EmuEdit.Contracts.V1.TaskInitialisation;

namespace EmuEdit.Pipeline.Inversion;

/// <summary>
/// Task inversion (paper §4.3, eq. 3) over the edit pipeline's parts: examples are encoded exactly as an
/// edit encodes its input (same resize, same autoencoder, same text encoder), the model library's
/// <see cref="TaskInversion"/> learns the vector with every weight frozen, and held-out examples are
/// edited with the candidate vector by the same <see cref="EditEngine"/> the workers run. The inversion
/// service drives it with the parts behind gRPC; the few-shot experiment runs it in process.
/// </summary>
/// <remarks>Runs one thing at a time: learning and editing share the U-Net.</remarks>
public sealed class TaskLearner
{
    private readonly EditEngine _engine;
    private readonly EditDenoiser _denoiser;
    private readonly TaskLearnerOptions _options;

    /// <param name="engine">The edit engine whose parts encode the examples and whose U-Net is inverted; held-out
    /// examples are edited by it with the candidate vector added to its tasks.</param>
    /// <param name="options">Batch sizes of the calls to the model services.</param>
    public TaskLearner(EditEngine engine, TaskLearnerOptions options)
    {
        _engine = engine ?? throw new ArgumentNullException(nameof(engine));
        _denoiser = engine.Denoiser;
        _options = options ?? throw new ArgumentNullException(nameof(options));
        options.Validate();
    }

    /// <summary>The model's built-in task names (what a learned task may not be called, and what initial_task may name).</summary>
    public IReadOnlyList<string> BuiltInTasks => _denoiser.TaskNames;

    /// <summary>Length of a task vector.</summary>
    public int EmbeddingDim => _engine.Tasks.EmbeddingDim;

    /// <summary>
    /// Learns a vector for the task the examples show. <paramref name="progress"/> gets (step, loss) after
    /// every optimiser step, on the calling thread. The model's weights are left bit-identical.
    /// </summary>
    /// <exception cref="InvalidExampleException">An example's image cannot be decoded, or its output's size differs from its input's.</exception>
    public async Task<LearnedTask> LearnAsync(IReadOnlyList<LearningExample> examples, LearnSettings settings,
        Action<int, double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(settings);
        if (examples.Count == 0) throw new InvalidExampleException("Task inversion needs at least one example.");
        var inversionOptions = settings.ToInversionOptions();
        var initial = InitialVector(settings);

        using var encoded = await new ExampleEncoder(_engine, _options).EncodeAsync(examples, cancellationToken).ConfigureAwait(false);
        var inversion = new TaskInversion(_denoiser.UNet, _denoiser.UNet, _denoiser.Schedule, _denoiser.Config.Diffusion, inversionOptions);
        using var start = tensor(initial, ScalarType.Float32);
        using var startOnDevice = start.to(_denoiser.Device);
        var result = inversion.Run(encoded.Examples, startOnDevice, encoded.NullContext, encoded.NullMask, progress, cancellationToken);
        using (result.Vector)
        {
            using var cpu = result.Vector.to(ScalarType.Float32, CPU).contiguous();
            return new LearnedTask(cpu.data<float>().ToArray(), result.Losses);
        }
    }

    /// <summary>
    /// Edits each example's input with the candidate vector under <paramref name="name"/> (not yet in the
    /// registry), as a worker would: the model's guidance scales, <paramref name="steps"/> sampler steps
    /// (null = the model's default) and one seed for all. Outputs come in example order at the inputs' sizes.
    /// </summary>
    public async Task<IReadOnlyList<EditOutput>> EditAsync(string name, float[] vector, IReadOnlyList<LearningExample> examples, int? steps, ulong seed,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(examples);
        if (examples.Count == 0) return [];
        using var engine = _engine.WithTasks(_engine.Tasks.WithCandidate(name, vector));
        var inputs = examples.Select((e, i) => new EditInput($"held-out-{i}", e.Input, e.Instruction) { Task = name, Steps = steps, Seed = seed }).ToList();
        try
        {
            return await engine.RunAsync(inputs, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidEditException error)
        {
            throw new InvalidExampleException($"A held-out example cannot be edited: {error.Message}", error);
        }
    }

    /// <summary>Where the optimisation starts (<see cref="LearnSettings.Initialisation"/>).</summary>
    public float[] InitialVector(LearnSettings settings)
    {
        var builtIn = _denoiser.BuiltInTaskVectors;
        switch (settings.Initialisation)
        {
            case TaskInitialisation.Zero:
                return new float[EmbeddingDim];
            case TaskInitialisation.Task:
                var index = _denoiser.TaskNames.ToList().FindIndex(n => string.Equals(n, settings.InitialTask, StringComparison.OrdinalIgnoreCase));
                if (index < 0) throw new InvalidExampleException($"initial_task '{settings.InitialTask}' is not a built-in task ({string.Join(", ", _denoiser.TaskNames)}).");
                return (float[])builtIn[index].Clone();
            default:
                // The centre of the learned tasks: a start that is "some task" without favouring one.
                var mean = new float[EmbeddingDim];
                foreach (var row in builtIn)
                    for (var i = 0; i < mean.Length; i++) mean[i] += row[i] / builtIn.Count;
                return mean;
        }
    }

}
