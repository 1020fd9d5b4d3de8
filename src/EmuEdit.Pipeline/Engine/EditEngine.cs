using System.Diagnostics;
using System.Security.Cryptography;
using EmuEdit.Model.Diffusion;
using EmuEdit.Model.Editing;
using EmuEdit.Pipeline.Abstractions;
using EmuEdit.Pipeline.Imaging;
using EmuEdit.Pipeline.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using static TorchSharp.torch;
using ImageFormat = EmuEdit.Contracts.V1.ImageFormat;

namespace EmuEdit.Pipeline.Engine;

/// <summary>
/// The edit recipe, the same in the diffusion worker and in process: predict the task (unless named) →
/// encode the instruction and the null text → resize the input to the model's size → encode its latent →
/// look up the task vector → sample (many edits per U-Net forward, joining between steps) → decode →
/// resize back to the input's size → threshold against the input → encode the file.
/// </summary>
/// <remarks>
/// <see cref="StartAsync"/>, <see cref="Step"/> and <see cref="FinishAsync"/> are the parts a batching
/// loop drives (the worker); <see cref="RunAsync(IReadOnlyList{EditInput}, EditProgressHandler?, CancellationToken)"/>
/// is that loop for callers that have all their requests at hand. <see cref="Step"/> must not run
/// concurrently with itself; the other calls may. A seed gives the same image whichever jobs share a batch
/// and whether the parts run in process or behind their services.
/// </remarks>
public sealed class EditEngine : IDisposable
{
    private readonly ITaskPredictorClient _predictor;
    private readonly IInstructionEncoder _encoder;
    private readonly ILatentCodec _codec;
    private readonly ILogger _logger;
    private readonly IReadOnlyList<IDisposable> _owned;

    /// <param name="owned">Parts this engine disposes with itself (those the caller built only for it).</param>
    public EditEngine(EditDenoiser denoiser, ITaskPredictorClient predictor, IInstructionEncoder encoder, ILatentCodec codec,
        TaskVectorResolver tasks, EditEngineOptions options, ILogger<EditEngine>? logger = null, IEnumerable<IDisposable>? owned = null)
    {
        Denoiser = denoiser ?? throw new ArgumentNullException(nameof(denoiser));
        _predictor = predictor ?? throw new ArgumentNullException(nameof(predictor));
        _encoder = encoder ?? throw new ArgumentNullException(nameof(encoder));
        _codec = codec ?? throw new ArgumentNullException(nameof(codec));
        Tasks = tasks ?? throw new ArgumentNullException(nameof(tasks));
        Options = options ?? throw new ArgumentNullException(nameof(options));
        options.Validate();
        _logger = logger ?? NullLogger<EditEngine>.Instance;
        _owned = owned?.ToArray() ?? [];
    }

    public EditDenoiser Denoiser { get; }

    public TaskVectorResolver Tasks { get; }

    /// <summary>The text-encoder part (task inversion encodes its examples' instructions with it).</summary>
    public IInstructionEncoder Encoder => _encoder;

    /// <summary>The autoencoder part (task inversion encodes its examples' images with it).</summary>
    public ILatentCodec Codec => _codec;

    /// <summary>
    /// An engine over the same parts that resolves tasks with <paramref name="tasks"/> (a task being learned,
    /// tried before it is registered). It owns nothing: disposing it leaves this engine's parts alone.
    /// </summary>
    public EditEngine WithTasks(TaskVectorResolver tasks) =>
        new(Denoiser, _predictor, _encoder, _codec, tasks, Options, _logger as ILogger<EditEngine>);

    public EditEngineOptions Options { get; }

    /// <summary>
    /// Checks that the autoencoder part makes the latents the U-Net was trained on: the same C_z and f and,
    /// when both are known, the same encoder (<paramref name="latentSpace"/>: the
    /// <see cref="EmuEdit.Model.Checkpoints.LatentSpaceDigest"/> of the U-Net's own autoencoder). A
    /// vae-decoder of another model would otherwise give wrong edits, or fail deep inside the U-Net.
    /// </summary>
    /// <exception cref="ModelMismatchException">They differ.</exception>
    public async Task CheckCodecAsync(string? latentSpace, CancellationToken cancellationToken = default)
    {
        var served = await _codec.GetGeometryAsync(cancellationToken).ConfigureAwait(false);
        var trained = Denoiser.Config.Autoencoder;
        if (served.LatentChannels != trained.LatentChannels || served.DownsamplingFactor != trained.DownFactor)
            throw new ModelMismatchException(
                $"The autoencoder part makes latents of {served.LatentChannels} channels at 1/{served.DownsamplingFactor} of the image side; " +
                $"the U-Net ({Denoiser.Config.Name}) was trained on {trained.LatentChannels} channels at 1/{trained.DownFactor}.");
        if (latentSpace is not null && served.LatentSpace is { } space && space != latentSpace)
            throw new ModelMismatchException(
                $"The autoencoder part encodes into latent space {space}, but the U-Net was trained in {latentSpace}: " +
                "it serves another autoencoder (or another storage type of it than fp32/fp16). Serve the model folder the workers load.");
    }

    /// <summary>Everything before sampling; the returned edit is ready for <see cref="Step"/>.</summary>
    /// <exception cref="InvalidEditException">The request is unusable (bad image, unknown task, parameter out of range).</exception>
    public async Task<ActiveEdit> StartAsync(EditInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var diffusion = Denoiser.Config.Diffusion;
        var steps = input.Steps ?? diffusion.DefaultInferenceSteps;
        CheckParameters(input, steps);

        using var original = ImageTensors.Decode(input.Image.Span);
        EditConditioning conditioning;
        (string Task, float Probability) chosen;
        Tensor? previous = null;
        var alpha = ThresholdAlpha(input);
        // Instruction and image do not depend on the task: with remote model services their round trips
        // overlap each other and the task prediction instead of following one another. The encode span
        // parents the two encodings; the prediction stays its sibling under the caller's span.
        var parent = Activity.Current;
        using (PipelineTelemetry.Source.StartActivity(PipelineTelemetry.EncodeSpan))
        {
            using var resized = ImageTensors.Resize(original, Denoiser.ImageSize, Denoiser.ImageSize);
            using var unit = ImageTensors.ToUnitTensor(resized);
            using var signed = ImageTensors.ToModelRange(unit);
            // A failed start stops the encodings it no longer needs instead of waiting out their round trips.
            using var encoding = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            Task<InstructionEncoding>? encodeText = null;
            Task<Tensor>? encodeImage = null;
            try
            {
                // Async wrappers, so that an encoder throwing before its first await fails its task, not this method.
                encodeText = Started(() => _encoder.EncodeAsync([input.Instruction, string.Empty], encoding.Token));
                encodeImage = Started(() => _codec.EncodeAsync(signed, encoding.Token));
                Activity.Current = parent;
                chosen = await ChooseTaskAsync(input, cancellationToken).ConfigureAwait(false);
                var taskVector = await Tasks.ResolveAsync(chosen.Task, cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidEditException($"Unknown task '{chosen.Task}'.");
                await Task.WhenAll(encodeText, encodeImage).ConfigureAwait(false);
                using var text = encodeText.Result;
                using var latent = encodeImage.Result;
                conditioning = Condition(latent, text, taskVector);
            }
            catch
            {
                await encoding.CancelAsync().ConfigureAwait(false);
                if (encodeText is not null) await DisposeWhenDoneAsync(encodeText).ConfigureAwait(false);
                if (encodeImage is not null) await DisposeWhenDoneAsync(encodeImage).ConfigureAwait(false);
                throw;
            }
            if (alpha is not null) previous = ImageTensors.ToUnitTensor(original);
        }
        var (task, probability) = chosen;

        var seed = input.Seed ?? RandomSeed();
        var guidance = new GuidanceScales(input.ImageGuidanceScale ?? diffusion.ImageGuidanceScale, input.TextGuidanceScale ?? diffusion.TextGuidanceScale);
        // The sample span outlives this call (it ends when sampling does), so it must not stay Current here.
        var sample = PipelineTelemetry.Source.StartActivity(PipelineTelemetry.SampleSpan);
        Activity.Current = parent;
        sample?.SetTag(PipelineTelemetry.TaskTag, task);
        sample?.SetTag(PipelineTelemetry.StepsTag, steps);
        var job = new SamplerJob(Denoiser.Schedule, conditioning, steps, guidance, unchecked((long)seed), input.Id);
        _logger.LogDebug("Edit {Id}: task {Task} ({Probability:P0}), {Steps} steps, seed {Seed}", input.Id, task, probability, steps, seed);
        return new ActiveEdit(input, task, probability, seed, original.Width, original.Height, conditioning, job, previous, alpha, sample);
    }

    /// <summary>
    /// Advances every active edit of <paramref name="edits"/> by one step in ONE U-Net forward, keeping an
    /// x0 estimate for the edits whose request asked for a preview at this step.
    /// </summary>
    /// <returns>The edits advanced.</returns>
    public IReadOnlyList<ActiveEdit> Step(IReadOnlyList<ActiveEdit> edits)
    {
        ArgumentNullException.ThrowIfNull(edits);
        var active = edits.Where(e => e.IsActive).ToList();
        if (active.Count == 0) return active;
        var byJob = active.ToDictionary(e => e.Job);
        foreach (var edit in active) edit.MaxBatchSize = Math.Max(edit.MaxBatchSize, active.Count);
        Denoiser.Sampler.Step(Denoiser.UNet, active.Select(e => e.Job).ToList(), progress =>
        {
            var edit = byJob[progress.Job];
            if (edit.Input.PreviewEvery is int every && progress.Step % every == 0)
                edit.SetPendingPreview(progress.PredictedX0.to(CPU).clone().DetachFromDisposeScope());
            return true;
        });
        foreach (var edit in active)
            if (!edit.IsActive) edit.EndSampling();
        return active;
    }

    /// <summary>The progress of <paramref name="edit"/> after a step, with its preview decoded when one is due.</summary>
    public async Task<EditProgress> ProgressAsync(ActiveEdit edit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(edit);
        // Read before the first await: a caller may step the edit again while the preview decodes.
        int step = edit.Step, totalSteps = edit.TotalSteps;
        using var latent = edit.TakePendingPreview();
        byte[]? preview = null;
        if (latent is not null)
        {
            using var decoded = await _codec.DecodeAsync(latent, cancellationToken).ConfigureAwait(false);
            using var image = ToImage(decoded, 0);
            var scale = (double)Options.PreviewSize / Math.Max(edit.Width, edit.Height);
            using var small = ImageTensors.Resize(image,
                Math.Max(1, (int)Math.Round(edit.Width * scale)), Math.Max(1, (int)Math.Round(edit.Height * scale)));
            preview = ImageTensors.Encode(small, ImageFormat.Png, Options.DefaultJpegQuality);
        }
        return new EditProgress(edit.Id, step, totalSteps, preview);
    }

    /// <summary>
    /// Decodes a completed edit, restores its size, thresholds it against its input (unless its alpha is 0,
    /// see <see cref="EditEngineOptions.ThresholdEdits"/>) and encodes the file.
    /// </summary>
    public async Task<EditOutput> FinishAsync(ActiveEdit edit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(edit);
        if (!edit.IsComplete) throw new InvalidOperationException($"Edit {edit.Id} is at step {edit.Step} of {edit.TotalSteps}.");
        edit.EndSampling();
        using var span = PipelineTelemetry.Source.StartActivity(PipelineTelemetry.DecodeSpan);
        var result = edit is { InputImage: { } input, ThresholdAlpha: { } alpha }
            ? await DecodeThresholdedAsync(edit, input, alpha, cancellationToken).ConfigureAwait(false)
            : await DecodeAsync(edit, cancellationToken).ConfigureAwait(false);
        try
        {
            var quality = edit.Input.JpegQuality ?? Options.DefaultJpegQuality;
            var format = edit.Input.OutputFormat == ImageFormat.Jpeg ? ImageFormat.Jpeg : ImageFormat.Png;
            var bytes = ImageTensors.Encode(result, format, quality);
            return new EditOutput(edit.Id, bytes, format, edit.Width, edit.Height, edit.Task, edit.TaskProbability, edit.Seed, edit.TotalSteps);
        }
        finally
        {
            result.Dispose();
        }
    }

    /// <summary>Runs one edit to the end.</summary>
    public async Task<EditOutput> RunAsync(EditInput input, EditProgressHandler? progress = null, CancellationToken cancellationToken = default) =>
        (await RunAsync([input], progress, cancellationToken).ConfigureAwait(false))[0];

    /// <summary>
    /// Runs edits with continuous batching: up to <see cref="EditEngineOptions.MaxBatchSize"/> share each
    /// U-Net forward and a waiting edit joins as soon as one finishes. Outputs come in input order.
    /// </summary>
    public async Task<IReadOnlyList<EditOutput>> RunAsync(IReadOnlyList<EditInput> inputs, EditProgressHandler? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var outputs = new EditOutput[inputs.Count];
        var waiting = new Queue<int>(Enumerable.Range(0, inputs.Count));
        var active = new List<(int Index, ActiveEdit Edit)>();
        try
        {
            while (waiting.Count > 0 || active.Count > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                while (waiting.Count > 0 && active.Count < Options.MaxBatchSize)
                {
                    var index = waiting.Dequeue();
                    active.Add((index, await StartAsync(inputs[index], cancellationToken).ConfigureAwait(false)));
                }
                Step(active.Select(a => a.Edit).ToList());
                foreach (var (index, edit) in active.ToList())
                {
                    if (progress is not null) await progress(await ProgressAsync(edit, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
                    if (!edit.IsComplete) continue;
                    outputs[index] = await FinishAsync(edit, cancellationToken).ConfigureAwait(false);
                    edit.Dispose();
                    active.Remove((index, edit));
                }
            }
            return outputs;
        }
        finally
        {
            foreach (var (_, edit) in active) edit.Dispose();
        }
    }

    public void Dispose()
    {
        foreach (var part in _owned) part.Dispose();
    }

    private void CheckParameters(EditInput input, int steps)
    {
        if (steps < 1 || steps > Options.MaxSteps) throw new InvalidEditException($"steps must be 1..{Options.MaxSteps}, got {steps}.");
        if (input.PreviewEvery is int every && (every < 1 || every > steps))
            throw new InvalidEditException($"preview_every must be 1..{steps}, got {every}.");
        if (input.JpegQuality is int q && (q < EditEngineOptions.MinJpegQuality || q > EditEngineOptions.MaxJpegQuality))
            throw new InvalidEditException($"jpeg_quality must be {EditEngineOptions.MinJpegQuality}..{EditEngineOptions.MaxJpegQuality}, got {q}.");
        if (input.Threshold is double t && !(t >= 0 && t <= SequentialEditThresholdOptions.MaxAlpha))
            throw new InvalidEditException($"threshold must be within [0, {SequentialEditThresholdOptions.MaxAlpha}], got {t}.");
    }

    /// <summary>Waits for an encoding a failed start no longer needs and frees what it produced.</summary>
    private static async Task DisposeWhenDoneAsync<T>(Task<T> pending) where T : IDisposable
    {
        try
        {
            (await pending.ConfigureAwait(false)).Dispose();
        }
        catch (Exception)
        {
            // Its own failure (or the cancellation) is not the one being reported.
        }
    }

    /// <summary>Runs <paramref name="start"/> inside an async method, so a synchronous throw becomes a faulted task.</summary>
    private static async Task<T> Started<T>(Func<Task<T>> start) => await start().ConfigureAwait(false);

    /// <summary>The named task with probability 1, else the most probable predicted task that this model knows.</summary>
    private async Task<(string Task, float Probability)> ChooseTaskAsync(EditInput input, CancellationToken cancellationToken)
    {
        if (input.Task is not null) return (input.Task, 1f);
        using var span = PipelineTelemetry.Source.StartActivity(PipelineTelemetry.PredictSpan);
        var guess = (await _predictor.PredictAsync([input.Instruction], cancellationToken).ConfigureAwait(false))[0];
        foreach (var candidate in guess.Ranked)
        {
            if (!Tasks.TryResolve(candidate.Task, out _, out _)) continue;
            span?.SetTag(PipelineTelemetry.TaskTag, candidate.Task);
            span?.SetTag(PipelineTelemetry.TaskProbabilityTag, candidate.Probability);
            return (candidate.Task, candidate.Probability);
        }
        throw new InvalidOperationException($"The task predictor knows none of this model's tasks ({string.Join(", ", guess.Ranked.Select(r => r.Task))}).");
    }

    private EditConditioning Condition(Tensor latent, InstructionEncoding text, float[] taskVector)
    {
        var device = Denoiser.Device;
        using var scope = NewDisposeScope();
        var conditioning = new EditConditioning(
            latent.to(device).clone(),
            text.Context.narrow(0, 0, 1).to(device).clone(),
            text.Mask.narrow(0, 0, 1).to(device).clone(),
            text.Context.narrow(0, 1, 1).to(device).clone(),
            text.Mask.narrow(0, 1, 1).to(device).clone(),
            tensor(taskVector, [1, taskVector.Length], ScalarType.Float32).to(device));
        foreach (var t in new[] { conditioning.ImageLatent, conditioning.TextContext, conditioning.TextMask,
                     conditioning.NullTextContext, conditioning.NullTextMask, conditioning.Task })
            t.MoveToOuterDisposeScope();
        return conditioning;
    }

    /// <summary>
    /// The alpha <paramref name="input"/> is thresholded with, or null for none (alpha 0): its own when it
    /// names one, else the configured one for session turns, and for single edits while
    /// <see cref="EditEngineOptions.ThresholdEdits"/> is on.
    /// </summary>
    private double? ThresholdAlpha(EditInput input)
    {
        var alpha = input.Threshold ?? (input.IsSessionTurn || Options.ThresholdEdits ? Options.Threshold.Alpha : 0);
        return alpha > 0 ? alpha : null;
    }

    /// <summary>The edited latent decoded at the input's size.</summary>
    private async Task<Image<Rgb24>> DecodeAsync(ActiveEdit edit, CancellationToken cancellationToken)
    {
        using var decoded = await _codec.DecodeAsync(edit.Job.Latent, cancellationToken).ConfigureAwait(false);
        return Resized(decoded, 0, edit);
    }

    /// <summary>
    /// The edited latent and the input's own latent decoded in one call, both at the input's size: the input's
    /// pixel is kept wherever the edit differs from the reconstruction by less than alpha (paper eq. 4 with the
    /// reconstruction as the reference). Comparing with the reconstruction rather than the input keeps the
    /// autoencoder's error, which is everywhere, from counting as an edit, and the kept pixels are the input's
    /// own at its own resolution, not the autoencoder's redrawing of them at the model's.
    /// </summary>
    private async Task<Image<Rgb24>> DecodeThresholdedAsync(ActiveEdit edit, Tensor input, double alpha, CancellationToken cancellationToken)
    {
        using var latents = cat(new[] { edit.Job.Latent, edit.Conditioning.ImageLatent }, 0);
        using var decoded = await _codec.DecodeAsync(latents, cancellationToken).ConfigureAwait(false);
        using var edited = Resized(decoded, 0, edit);
        using var reconstructed = Resized(decoded, 1, edit);
        var options = Options.Threshold;
        var threshold = new SequentialEditThreshold(new SequentialEditThresholdOptions
        {
            Alpha = alpha,
            Sigma = options.Sigma,
            KernelRadiusInSigmas = options.KernelRadiusInSigmas,
        });
        using var next = ImageTensors.ToUnitTensor(edited);
        using var reference = ImageTensors.ToUnitTensor(reconstructed);
        using var kept = threshold.Apply(input, next, reference);
        return ImageTensors.FromUnitTensor(kept);
    }

    private static Image<Rgb24> Resized(Tensor decodedBatch, int row, ActiveEdit edit)
    {
        using var modelSized = ToImage(decodedBatch, row);
        return ImageTensors.Resize(modelSized, edit.Width, edit.Height);
    }

    private static Image<Rgb24> ToImage(Tensor decodedBatch, int index)
    {
        using var row = decodedBatch[index];
        using var unit = ImageTensors.FromModelRange(row);
        return ImageTensors.FromUnitTensor(unit);
    }

    private static ulong RandomSeed()
    {
        Span<byte> bytes = stackalloc byte[sizeof(ulong)];
        RandomNumberGenerator.Fill(bytes);
        return BitConverter.ToUInt64(bytes);
    }
}
