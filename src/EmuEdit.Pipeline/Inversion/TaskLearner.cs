using EmuEdit.Model.Training;
using EmuEdit.Pipeline.Engine;
using EmuEdit.Pipeline.Imaging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
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

        var device = _denoiser.Device;
        // Tensors are disposed by hand: a dispose scope is per thread and these awaits may change threads.
        var owned = new List<Tensor>();
        try
        {
            var inputs = await EncodeImagesAsync(examples, e => e.Input, "input", owned, cancellationToken).ConfigureAwait(false);
            var outputs = await EncodeImagesAsync(examples, e => e.Output, "output", owned, cancellationToken).ConfigureAwait(false);
            var (contexts, masks) = await EncodeInstructionsAsync([.. examples.Select(e => e.Instruction), string.Empty], owned, cancellationToken).ConfigureAwait(false);
            Tensor OnDevice(Tensor t)
            {
                var moved = t.to(device);
                owned.Add(moved);
                return moved;
            }
            var encoded = examples.Select((_, i) => new InversionExample(OnDevice(outputs[i]), OnDevice(inputs[i]), OnDevice(contexts[i]), OnDevice(masks[i]))).ToList();

            var inversion = new TaskInversion(_denoiser.UNet, _denoiser.UNet, _denoiser.Schedule, _denoiser.Config.Diffusion, inversionOptions);
            using var start = tensor(initial, ScalarType.Float32);
            using var startOnDevice = start.to(device);
            var result = inversion.Run(encoded, startOnDevice, OnDevice(contexts[^1]), OnDevice(masks[^1]), progress, cancellationToken);
            using (result.Vector)
            {
                using var cpu = result.Vector.to(ScalarType.Float32, CPU).contiguous();
                return new LearnedTask(cpu.data<float>().ToArray(), result.Losses);
            }
        }
        finally
        {
            foreach (var t in owned) t.Dispose();
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

    private float[] InitialVector(LearnSettings settings)
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

    /// <summary>Each example's image resized to the model's size and encoded to a latent [C, h, w] (owned by the current dispose scope).</summary>
    private async Task<Tensor[]> EncodeImagesAsync(IReadOnlyList<LearningExample> examples, Func<LearningExample, ReadOnlyMemory<byte>> image, string part,
        List<Tensor> owned, CancellationToken cancellationToken)
    {
        var size = _denoiser.ImageSize;
        var latents = new List<Tensor>(examples.Count);
        foreach (var chunk in examples.Select((e, i) => (e, i)).Chunk(_options.EncodeBatchSize))
        {
            var rows = new List<Tensor>(chunk.Length);
            foreach (var (example, index) in chunk)
            {
                CheckSizes(example, index);
                using var decoded = Decode(image(example), $"examples[{index}].{part}");
                using var resized = ImageTensors.Resize(decoded, size, size);
                using var unit = ImageTensors.ToUnitTensor(resized);
                rows.Add(ImageTensors.ToModelRange(unit));
            }
            using var batch = cat(rows, 0);
            foreach (var row in rows) row.Dispose();
            using var encoded = await _engine.Codec.EncodeAsync(batch, cancellationToken).ConfigureAwait(false);
            var split = encoded.unbind(0);
            owned.AddRange(split);
            latents.AddRange(split);
        }
        return [.. latents];
    }

    /// <summary>Token context [L, D] and mask [L] of each instruction, all padded to one length.</summary>
    private async Task<(Tensor[] Contexts, Tensor[] Masks)> EncodeInstructionsAsync(IReadOnlyList<string> instructions, List<Tensor> owned,
        CancellationToken cancellationToken)
    {
        var contexts = new List<Tensor>(instructions.Count);
        var masks = new List<Tensor>(instructions.Count);
        foreach (var chunk in instructions.Chunk(_options.EncodeBatchSize))
        {
            using var encoding = await _engine.Encoder.EncodeAsync(chunk, cancellationToken).ConfigureAwait(false);
            var context = encoding.Context.unbind(0);
            var mask = encoding.Mask.unbind(0);
            owned.AddRange(context);
            owned.AddRange(mask);
            contexts.AddRange(context);
            masks.AddRange(mask);
        }
        return ([.. contexts], [.. masks]);
    }

    private static void CheckSizes(LearningExample example, int index)
    {
        var input = Identify(example.Input, $"examples[{index}].input");
        var output = Identify(example.Output, $"examples[{index}].output");
        if (input != output)
            throw new InvalidExampleException($"examples[{index}]: the output is {output.Width}x{output.Height} pixels but the input {input.Width}x{input.Height}; they must match.");
    }

    private static (int Width, int Height) Identify(ReadOnlyMemory<byte> bytes, string field)
    {
        try
        {
            var info = Image.Identify(bytes.ToArray()) ?? throw new InvalidExampleException($"{field} is not an image.");
            return (info.Width, info.Height);
        }
        catch (Exception e) when (e is ImageFormatException or UnknownImageFormatException or InvalidImageContentException)
        {
            throw new InvalidExampleException($"{field} cannot be read: {e.Message}", e);
        }
    }

    private static Image<Rgb24> Decode(ReadOnlyMemory<byte> bytes, string field)
    {
        try
        {
            return ImageTensors.Decode(bytes.Span);
        }
        catch (InvalidEditException e)
        {
            throw new InvalidExampleException($"{field}: {e.Message}", e);
        }
    }
}
