using EmuEdit.Model.Training;
using EmuEdit.Pipeline.Engine;
using EmuEdit.Pipeline.Imaging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using static TorchSharp.torch;

namespace EmuEdit.Pipeline.Inversion;

/// <summary>
/// Encodes examples of a task as an edit encodes its input: each image resized to the model's size and
/// encoded by the engine's autoencoder part, each instruction by its text-encoder part, in calls of at most
/// <see cref="TaskLearnerOptions.EncodeBatchSize"/>. Task inversion and the few-shot experiment's
/// fine-tuning both learn from what it returns.
/// </summary>
public sealed class ExampleEncoder(EditEngine engine, TaskLearnerOptions options)
{
    private readonly EditDenoiser _denoiser = engine.Denoiser;
    private readonly TaskLearnerOptions _options = options;
    private readonly EditEngine _engine = engine;

    /// <exception cref="InvalidExampleException">An image cannot be decoded, or an output's size differs from its input's.</exception>
    public async Task<EncodedExamples> EncodeAsync(IReadOnlyList<LearningExample> examples, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(examples);
        if (examples.Count == 0) throw new InvalidExampleException("There are no examples to learn from.");
        var device = _denoiser.Device;
        // Tensors are disposed by hand: a dispose scope is per thread and these awaits may change threads.
        var owned = new List<Tensor>();
        try
        {
            var inputs = await EncodeImagesAsync(examples, e => e.Input, "input", owned, cancellationToken).ConfigureAwait(false);
            var outputs = await EncodeImagesAsync(examples, e => e.Output, "output", owned, cancellationToken).ConfigureAwait(false);
            var (contexts, masks) = await EncodeInstructionsAsync([.. examples.Select(e => e.Instruction), string.Empty], owned, cancellationToken).ConfigureAwait(false);
            var onDevice = new List<Tensor>();
            Tensor OnDevice(Tensor t)
            {
                var moved = t.to(device).clone();
                onDevice.Add(moved);
                return moved;
            }
            var encoded = examples.Select((_, i) => new InversionExample(OnDevice(outputs[i]), OnDevice(inputs[i]), OnDevice(contexts[i]), OnDevice(masks[i]))).ToList();
            var nullContext = OnDevice(contexts[^1]);
            var nullMask = OnDevice(masks[^1]);
            return new EncodedExamples(encoded, nullContext, nullMask, onDevice);
        }
        finally
        {
            foreach (var t in owned) t.Dispose();
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
