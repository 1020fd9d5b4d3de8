using EmuEdit.Model.Configuration;
using EmuEdit.Model.Diffusion;
using EmuEdit.Model.Networks;
using EmuEdit.Model.Text;
using EmuEdit.Tokenization;
using static TorchSharp.torch;

namespace EmuEdit.Model;

/// <summary>
/// The whole editor: autoencoder, instruction tokenizer and encoder, U-Net and task table, built from one
/// <see cref="ModelConfig"/>. It owns the weights (a checkpoint is its state) and turns raw inputs into the
/// <see cref="EditConditioning"/> the sampler, the trainer and task inversion consume.
/// </summary>
public sealed class EmuEditModel : nn.Module
{
    private readonly Autoencoder autoencoder;
    // The trained text module (TextEncoder, or PretrainedTextHead over a frozen encoder), registered under
    // this name so checkpoints keep their text_encoder.* keys whichever form the config chooses.
    private readonly nn.Module<Tensor, Tensor, TextEncoding> text_encoder;
    private readonly UNet unet;
    private readonly TaskTable tasks;

    /// <param name="config">Sizes; validated here.</param>
    /// <param name="tokenizer">Its context length must equal the config's and its vocabulary must fit the embedding table.</param>
    /// <param name="taskNames">One name per task-table row; defaults to <see cref="BuiltInTasks.Names"/>.</param>
    /// <param name="modelFolder">The folder the model is loaded from, whose own encoders/ may hold a pretrained text encoder.</param>
    public EmuEditModel(ModelConfig config, InstructionTokenizer tokenizer, IReadOnlyList<string>? taskNames = null, string? modelFolder = null) : base(nameof(EmuEditModel))
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(tokenizer);
        config.Validate(config.Name);
        taskNames ??= BuiltInTasks.Names;
        if (tokenizer.ContextLength != config.TextEncoder.ContextLength)
            throw new ArgumentException($"The tokenizer's context length {tokenizer.ContextLength} differs from textEncoder.contextLength {config.TextEncoder.ContextLength}.", nameof(tokenizer));
        if (tokenizer.VocabularySize > config.TextEncoder.VocabularySize)
            throw new ArgumentException($"The vocabulary has {tokenizer.VocabularySize} ids but textEncoder.vocabularySize allows {config.TextEncoder.VocabularySize}.", nameof(tokenizer));
        if (taskNames.Count != config.Tasks.Count)
            throw new ArgumentException($"{taskNames.Count} task names for tasks.count = {config.Tasks.Count} table rows.", nameof(taskNames));

        Config = config;
        Tokenizer = tokenizer;
        TaskNames = taskNames.ToArray();
        // A missing or different pretrained encoder fails here, before any network is built (the shared
        // encoder is then reused by Create); the build order below fixes the seeded initial weights.
        if (config.TextEncoder.Pretrained is not null) InstructionEncoder.LocatePretrained(config.TextEncoder, modelFolder);
        autoencoder = new Autoencoder(config.Autoencoder);
        Instructions = InstructionEncoder.Create(config.TextEncoder, tokenizer, modelFolder);
        text_encoder = Instructions.Module;
        unet = new UNet(config.UNet, config.Autoencoder.LatentChannels, config.TextEncoder.Width, config.Tasks.EmbeddingDim);
        tasks = new TaskTable(config.Tasks);
        RegisterComponents();
    }

    /// <summary>
    /// A fresh (untrained) model whose vocabulary is built from the training instructions, capped at
    /// textEncoder.vocabularySize.
    /// </summary>
    public static EmuEditModel Create(ModelConfig config, IEnumerable<string> trainingInstructions, IReadOnlyList<string>? taskNames = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var tokenizer = InstructionTokenizer.Build(trainingInstructions, config.TextEncoder.VocabularySize, config.TextEncoder.ContextLength);
        return new EmuEditModel(config, tokenizer, taskNames);
    }

    public ModelConfig Config { get; }

    public InstructionTokenizer Tokenizer { get; }

    /// <summary>Name of each task-table row.</summary>
    public IReadOnlyList<string> TaskNames { get; }

    public Autoencoder Autoencoder => autoencoder;

    /// <summary>Instructions to text contexts, in the form the config chooses (<see cref="InstructionEncoder"/>).</summary>
    public InstructionEncoder Instructions { get; }

    /// <summary>The small transformer trained from scratch; a model with a pretrained text encoder has none.</summary>
    /// <exception cref="InvalidOperationException">textEncoder.pretrained is set: use <see cref="Instructions"/>.</exception>
    public TextEncoder TextEncoder => text_encoder as TextEncoder ?? throw new InvalidOperationException(
        $"This model's text encoder is the pretrained '{Config.TextEncoder.Pretrained}' with a trained head; use {nameof(Instructions)}.");

    public UNet UNet => unet;

    /// <summary>The U-Net as the sampler and losses see it.</summary>
    public IVelocityModel VelocityModel => unet;

    public TaskTable Tasks => tasks;

    /// <summary>The device the weights live on (inputs built here go there too).</summary>
    public Device Device => unet.parameters().First().device;

    /// <summary>Row of <paramref name="name"/> in the task table (case-insensitive).</summary>
    public int TaskIndex(string name)
    {
        for (var i = 0; i < TaskNames.Count; i++)
            if (string.Equals(TaskNames[i], name, StringComparison.OrdinalIgnoreCase)) return i;
        throw new ArgumentException($"Unknown task '{name}'. Tasks: {string.Join(", ", TaskNames)}.", nameof(name));
    }

    /// <summary>Tokenizes and encodes instructions: context [B, L, D], mask [B, L], pooled [B, D].</summary>
    /// <param name="instructions">One instruction a row.</param>
    /// <param name="trimPadding">
    /// Drop the padding columns that no row of the batch uses, so L is the longest instruction's token count
    /// instead of the context length. The real tokens encode to the same values either way (padding is
    /// masked in every attention), so this only saves work; callers that concatenate encodings of
    /// different batches pad them back (the sampler and the conditioning dropout do).
    /// </param>
    public TextEncoding EncodeInstructions(IReadOnlyList<string> instructions, bool trimPadding = false) =>
        Instructions.Encode(instructions, Device, trimPadding);

    /// <summary>The empty instruction's encoding repeated <paramref name="batch"/> times: the "no text" condition.</summary>
    public TextEncoding NullText(int batch)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batch);
        return EncodeInstructions(Enumerable.Repeat(string.Empty, batch).ToArray());
    }

    /// <summary>
    /// Images in [-1, 1] [B, 3, H, W] to scaled latents [B, C_z, H/f, W/f] (the encoder mean unless
    /// <paramref name="sample"/>), without gradients: the autoencoder trains on its own loss
    /// (<see cref="Networks.Autoencoder.Loss"/>), and a graph through it would only cost diffusion training memory.
    /// </summary>
    public Tensor EncodeImages(Tensor images, bool sample = false, Generator? generator = null)
    {
        using var _ = no_grad();
        return autoencoder.Encode(images, sample, generator);
    }

    /// <summary>Scaled latents to images, clamped to [-1, 1].</summary>
    public Tensor DecodeLatents(Tensor latents) => autoencoder.Decode(latents).clamp(-1, 1);

    /// <summary>Task rows for names or indices as [B, T].</summary>
    public Tensor TaskVectors(IReadOnlyList<int> taskIndices) =>
        tasks.TaskVectors(tensor(taskIndices.Select(i => (long)i).ToArray(), dtype: ScalarType.Int64, device: Device));

    /// <summary>
    /// Everything one batch of edits is conditioned on, from images in [-1, 1], instructions and task rows.
    /// </summary>
    public EditConditioning Condition(Tensor images, IReadOnlyList<string> instructions, IReadOnlyList<int> taskIndices) =>
        ConditionOnLatents(EncodeImages(images), instructions, TaskVectors(taskIndices));

    /// <summary>
    /// The same from already encoded image latents and any task vectors [B, T] (built-in rows or inverted
    /// vectors), for callers that cache latents or learn a task vector.
    /// </summary>
    /// <param name="imageLatent">[B, C_z, h, w].</param>
    /// <param name="instructions">B instructions.</param>
    /// <param name="task">[B, T] task vectors.</param>
    /// <param name="trimPadding">
    /// The training fast path: instructions encoded without unused padding columns (see
    /// <see cref="EncodeInstructions"/>) and the null instruction encoded once and shared by every row
    /// (its rows are identical, and gradients from all of them still reach the encoder through the shared
    /// row). Same values as the default path at a fraction of the text encoder's cost; the padded default
    /// keeps the fixed [B, L] shape that a remote or ONNX text encoder returns.
    /// </param>
    public EditConditioning ConditionOnLatents(Tensor imageLatent, IReadOnlyList<string> instructions, Tensor task, bool trimPadding = false)
    {
        ArgumentNullException.ThrowIfNull(instructions);
        var batch = (int)imageLatent.shape[0];
        if (instructions.Count != batch)
            throw new ArgumentException($"{instructions.Count} instructions for {batch} images.", nameof(instructions));
        var text = EncodeInstructions(instructions, trimPadding);
        var nullText = trimPadding ? SharedNullText(batch) : NullText(batch);
        text.Pooled.Dispose();
        nullText.Pooled.Dispose();
        return new EditConditioning(imageLatent, text.Context, text.Mask, nullText.Context, nullText.Mask, task);
    }

    private TextEncoding SharedNullText(int batch)
    {
        var one = EncodeInstructions([string.Empty], trimPadding: true);
        var context = one.Context.expand(batch, -1, -1);
        var mask = one.Mask.expand(batch, -1);
        var pooled = one.Pooled.expand(batch, -1);
        one.Dispose(); // the expanded views keep the storage (and the autograd graph) alive
        return new TextEncoding(context, mask, pooled);
    }
}
