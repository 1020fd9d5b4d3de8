using EmuEdit.Model.Configuration;
using EmuEdit.Model.Diffusion;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace EmuEdit.Model.Networks;

/// <summary>
/// The denoiser eps_theta(z_t, t, E(c_I), c_T, v_i) of paper §4, predicting v. Input is concat(z_t, E(c_I))
/// (2*C_z channels). The task vector enters twice (§4.2): projected and added to the timestep embedding
/// that every residual block receives, and projected to K tokens appended to the text tokens that every
/// cross-attention reads. Levels go down with skips and back up, as in latent diffusion.
/// </summary>
public sealed class UNet : nn.Module, IVelocityModel
{
    private Conv2d conv_in; // replaced when a text-to-image network is widened
    private readonly Sequential time_mlp;
    private readonly Linear task_proj;
    private readonly Linear task_tokens;
    private readonly ModuleList<UNetBlock> down_blocks;
    private readonly ModuleList<Downsample> downsamplers;
    private readonly UNetBlock mid;
    private readonly ResidualBlock mid_out;
    private readonly ModuleList<UNetBlock> up_blocks;
    private readonly ModuleList<Upsample> upsamplers;
    private readonly GroupNorm norm_out;
    private readonly Conv2d conv_out;

    /// <param name="options">Widths, levels, attention placement.</param>
    /// <param name="latentChannels">C_z.</param>
    /// <param name="contextWidth">D, the text encoder's token width.</param>
    /// <param name="taskDim">Length of a task vector.</param>
    /// <param name="imageConditioned">
    /// True for the editor (2*C_z input channels). False builds a text-to-image network (C_z inputs) whose
    /// image latent argument is ignored, the starting point of <see cref="WidenForImageConditioning"/>.
    /// </param>
    public UNet(UNetOptions options, int latentChannels, int contextWidth, int taskDim, bool imageConditioned = true) : base(nameof(UNet))
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        LatentChannels = latentChannels;
        ContextWidth = contextWidth;
        TaskDim = taskDim;
        ImageConditioned = imageConditioned;

        var widths = options.LevelWidths;
        var embeddingWidth = options.BaseWidth * options.TimeEmbeddingMultiplier;
        var attentionLevels = options.AttentionLevels.ToHashSet();
        SpatialTransformer? Attention(int level, int channels) => attentionLevels.Contains(level)
            ? new SpatialTransformer(channels, contextWidth, options.Heads, options.NormGroups, options.FeedForwardMultiplier)
            : null;

        conv_in = InputConv(imageConditioned ? 2 * latentChannels : latentChannels, options.BaseWidth);
        time_mlp = nn.Sequential(
            ("fc1", nn.Linear(options.BaseWidth, embeddingWidth)),
            ("act", nn.SiLU()),
            ("fc2", nn.Linear(embeddingWidth, embeddingWidth)));
        task_proj = nn.Linear(taskDim, embeddingWidth);
        task_tokens = nn.Linear(taskDim, options.TaskTokens * contextWidth);

        var channels = options.BaseWidth;
        var skipChannels = new Stack<int>();
        skipChannels.Push(channels);
        var down = new List<UNetBlock>();
        var downs = new List<Downsample>();
        for (var level = 0; level < widths.Count; level++)
        {
            for (var i = 0; i < options.ResBlocksPerLevel; i++)
            {
                down.Add(new UNetBlock(new ResidualBlock(channels, widths[level], options.NormGroups, embeddingWidth), Attention(level, widths[level])));
                channels = widths[level];
                skipChannels.Push(channels);
            }
            if (level < widths.Count - 1)
            {
                downs.Add(new Downsample(channels));
                skipChannels.Push(channels);
            }
        }
        down_blocks = nn.ModuleList(down.ToArray());
        downsamplers = nn.ModuleList(downs.ToArray());

        mid = new UNetBlock(new ResidualBlock(channels, channels, options.NormGroups, embeddingWidth),
            options.MidAttention ? new SpatialTransformer(channels, contextWidth, options.Heads, options.NormGroups, options.FeedForwardMultiplier) : null);
        mid_out = new ResidualBlock(channels, channels, options.NormGroups, embeddingWidth);

        var up = new List<UNetBlock>();
        var ups = new List<Upsample>();
        for (var level = widths.Count - 1; level >= 0; level--)
        {
            // One more block than on the way down: it consumes the skip saved after the downsampler.
            for (var i = 0; i <= options.ResBlocksPerLevel; i++)
            {
                up.Add(new UNetBlock(new ResidualBlock(channels + skipChannels.Pop(), widths[level], options.NormGroups, embeddingWidth), Attention(level, widths[level])));
                channels = widths[level];
            }
            if (level > 0) ups.Add(new Upsample(channels));
        }
        up_blocks = nn.ModuleList(up.ToArray());
        upsamplers = nn.ModuleList(ups.ToArray());

        norm_out = Norms.Group(options.NormGroups, channels);
        // Zero output: the untrained network predicts v = 0 instead of noise, a calmer start for training.
        conv_out = ZeroInit.Apply(nn.Conv2d(channels, latentChannels, kernel_size: 3, padding: 1));
        RegisterComponents();
    }

    public UNetOptions Options { get; }

    /// <summary>C_z.</summary>
    public int LatentChannels { get; }

    /// <summary>D, the width of the text tokens cross-attention reads.</summary>
    public int ContextWidth { get; }

    /// <summary>Length of the task vectors it accepts.</summary>
    public int TaskDim { get; }

    /// <summary>Whether the image latent is an input (2*C_z input channels) or ignored (text-to-image, C_z).</summary>
    public bool ImageConditioned { get; private set; }

    /// <summary>
    /// Makes a text-to-image U-Net (C_z input channels) an editor (2*C_z): the input conv gains C_z input
    /// channels whose weights are zero while the old weights are copied, so the output is unchanged until
    /// training moves them (paper §4.1, after InstructPix2Pix).
    /// </summary>
    public static void WidenForImageConditioning(UNet textToImage)
    {
        ArgumentNullException.ThrowIfNull(textToImage);
        if (textToImage.ImageConditioned)
            throw new InvalidOperationException("This U-Net already takes the image latent; there is nothing to widen.");
        var widened = WidenInputChannels(textToImage.conv_in, textToImage.LatentChannels);
        textToImage.conv_in.Dispose();
        textToImage.conv_in = widened;
        textToImage.register_module(nameof(conv_in), null!); // drops the old registration
        textToImage.register_module(nameof(conv_in), widened);
        textToImage.ImageConditioned = true;
    }

    /// <summary>
    /// A copy of <paramref name="conv"/> (3x3, same padding, as every input conv here) with
    /// <paramref name="extraInputChannels"/> more input channels appended; their weights are zero.
    /// </summary>
    public static Conv2d WidenInputChannels(Conv2d conv, int extraInputChannels)
    {
        ArgumentNullException.ThrowIfNull(conv);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(extraInputChannels);
        var weight = conv.weight!;
        var (outChannels, inChannels) = ((int)weight.shape[0], (int)weight.shape[1]);
        var widened = InputConv(inChannels + extraInputChannels, outChannels).to(weight.device, weight.dtype);
        using (no_grad())
        {
            widened.weight!.zero_();
            widened.weight!.narrow(1, 0, inChannels).copy_(weight);
            widened.bias!.copy_(conv.bias!);
        }
        return widened;
    }

    public Tensor PredictVelocity(Tensor zt, Tensor timesteps, Tensor imageLatent, Tensor textContext, Tensor textMask, Tensor task)
    {
        var batch = zt.shape[0];
        CheckInputs(zt, timesteps, imageLatent, textContext, textMask, task);
        if (task.dim() == 1) task = task.unsqueeze(0).expand(batch, -1);

        var x = ImageConditioned ? cat([zt, imageLatent], 1) : zt;
        var embedding = time_mlp.forward(SinusoidalEmbedding.Of(timesteps, Options.BaseWidth).to_type(zt.dtype)).Plus(task_proj.forward(task));
        var taskTokens = task_tokens.forward(task).view(batch, Options.TaskTokens, ContextWidth);
        var context = cat([textContext, taskTokens], 1);
        var contextMask = cat([textMask, ones(batch, Options.TaskTokens, dtype: ScalarType.Bool, device: textMask.device)], 1);

        var h = conv_in.forward(x);
        var skips = new Stack<Tensor>();
        skips.Push(h);
        var levels = Options.ChannelMultipliers.Count;
        var block = 0;
        for (var level = 0; level < levels; level++)
        {
            for (var i = 0; i < Options.ResBlocksPerLevel; i++)
            {
                h = down_blocks[block++].forward(h, embedding, context, contextMask);
                skips.Push(h);
            }
            if (level < levels - 1)
            {
                h = downsamplers[level].forward(h);
                skips.Push(h);
            }
        }

        h = mid_out.forward(mid.forward(h, embedding, context, contextMask), embedding);

        block = 0;
        for (var step = 0; step < levels; step++)
        {
            for (var i = 0; i <= Options.ResBlocksPerLevel; i++)
                h = up_blocks[block++].forward(cat([h, skips.Pop()], 1), embedding, context, contextMask);
            if (step < levels - 1) h = upsamplers[step].forward(h);
        }

        return conv_out.forward(nn.functional.silu(norm_out.forward(h)));
    }

    private static Conv2d InputConv(int inChannels, int outChannels) =>
        nn.Conv2d(inChannels, outChannels, kernel_size: 3, padding: 1);

    // Shape mistakes otherwise surface deep inside a conv or matmul with an unhelpful native message.
    private void CheckInputs(Tensor zt, Tensor timesteps, Tensor imageLatent, Tensor textContext, Tensor textMask, Tensor task)
    {
        var batch = zt.shape[0];
        if (zt.dim() != 4 || zt.shape[1] != LatentChannels)
            throw new ArgumentException($"z_t must be [B, {LatentChannels}, h, w]; got [{string.Join(", ", zt.shape)}].", nameof(zt));
        if (ImageConditioned && !imageLatent.shape.SequenceEqual(zt.shape))
            throw new ArgumentException($"The image latent [{string.Join(", ", imageLatent.shape)}] must have z_t's shape [{string.Join(", ", zt.shape)}].", nameof(imageLatent));
        if (timesteps.dim() != 1 || timesteps.shape[0] != batch)
            throw new ArgumentException($"Timesteps must be [{batch}]; got [{string.Join(", ", timesteps.shape)}].", nameof(timesteps));
        if (textContext.dim() != 3 || textContext.shape[0] != batch || textContext.shape[2] != ContextWidth)
            throw new ArgumentException($"The text context must be [{batch}, L, {ContextWidth}]; got [{string.Join(", ", textContext.shape)}].", nameof(textContext));
        if (textMask.dtype != ScalarType.Bool || !textMask.shape.SequenceEqual(textContext.shape[..2]))
            throw new ArgumentException($"The text mask must be bool [{batch}, {textContext.shape[1]}]; got {textMask.dtype} [{string.Join(", ", textMask.shape)}].", nameof(textMask));
        var taskOk = task.dim() switch
        {
            1 => task.shape[0] == TaskDim,
            2 => task.shape[0] == batch && task.shape[1] == TaskDim,
            _ => false,
        };
        if (!taskOk)
            throw new ArgumentException($"The task must be [{batch}, {TaskDim}] (or [{TaskDim}] for the whole batch); got [{string.Join(", ", task.shape)}].", nameof(task));
    }
}
