using System.Text.Json.Serialization;

namespace EmuEdit.Model.Configuration;

/// <summary>The denoising U-Net eps_theta(z_t, t, E(c_I), c_T, v_i).</summary>
public sealed record UNetOptions
{
    /// <summary>Channels of the first level; also the width of the sinusoidal timestep features.</summary>
    public required int BaseWidth { get; init; }

    /// <summary>Width of each level as a multiple of <see cref="BaseWidth"/>, highest resolution first; each further level halves the resolution.</summary>
    public required IReadOnlyList<int> ChannelMultipliers { get; init; }

    /// <summary>Residual blocks per level on the way down (the way up has one more, for the downsampler's skip).</summary>
    public required int ResBlocksPerLevel { get; init; }

    /// <summary>Indices into <see cref="ChannelMultipliers"/> of the levels that get a transformer block after each residual block.</summary>
    public required IReadOnlyList<int> AttentionLevels { get; init; }

    /// <summary>Whether the bottleneck has a transformer block between its two residual blocks.</summary>
    public required bool MidAttention { get; init; }

    /// <summary>Attention heads; must divide the width of every attention level.</summary>
    public required int Heads { get; init; }

    /// <summary>K, the extra cross-attention tokens the task vector is projected to.</summary>
    public required int TaskTokens { get; init; }

    /// <summary>GroupNorm groups; must divide every level width.</summary>
    public required int NormGroups { get; init; }

    /// <summary>Width of the timestep (plus task) embedding as a multiple of <see cref="BaseWidth"/>.</summary>
    public required int TimeEmbeddingMultiplier { get; init; }

    /// <summary>Hidden width of each transformer feed-forward block as a multiple of the level width.</summary>
    public required int FeedForwardMultiplier { get; init; }

    /// <summary>Channels of each level, highest resolution first.</summary>
    [JsonIgnore] // derived, not configured
    public IReadOnlyList<int> LevelWidths => ChannelMultipliers.Select(m => m * BaseWidth).ToArray();

    internal void Validate(ConfigProblems problems, int latentSize)
    {
        problems.Require(BaseWidth > 0 && BaseWidth % 2 == 0,
            $"unet.baseWidth must be positive and even (it is also the sinusoidal timestep width; got {BaseWidth})");
        problems.Require(ChannelMultipliers is { Count: > 0 }, "unet.channelMultipliers must list at least one level");
        problems.Require(ResBlocksPerLevel > 0, $"unet.resBlocksPerLevel must be positive (got {ResBlocksPerLevel})");
        problems.Require(Heads > 0, $"unet.heads must be positive (got {Heads})");
        problems.Require(TaskTokens > 0, $"unet.taskTokens must be positive (got {TaskTokens})");
        problems.Require(NormGroups > 0, $"unet.normGroups must be positive (got {NormGroups})");
        problems.Require(TimeEmbeddingMultiplier > 0, $"unet.timeEmbeddingMultiplier must be positive (got {TimeEmbeddingMultiplier})");
        problems.Require(FeedForwardMultiplier > 0, $"unet.feedForwardMultiplier must be positive (got {FeedForwardMultiplier})");
        if (ChannelMultipliers is not { Count: > 0 } || AttentionLevels is null) return;

        var levels = ChannelMultipliers.Count;
        var reduction = 1 << (levels - 1);
        problems.Require(latentSize % reduction == 0,
            $"the latent size ({latentSize}) must be divisible by 2^(levels - 1) = {reduction} for unet.channelMultipliers' {levels} levels");
        for (var i = 0; i < levels; i++)
        {
            var width = ChannelMultipliers[i] * BaseWidth;
            problems.Require(ChannelMultipliers[i] > 0, $"unet.channelMultipliers[{i}] must be positive (got {ChannelMultipliers[i]})");
            problems.Require(NormGroups > 0 && width % NormGroups == 0,
                $"unet level {i} width {width} must be divisible by unet.normGroups ({NormGroups})");
        }
        foreach (var level in AttentionLevels)
        {
            problems.Require(level >= 0 && level < levels, $"unet.attentionLevels entry {level} is not a level index (0..{levels - 1})");
            if (level >= 0 && level < levels)
                problems.Require(Heads > 0 && ChannelMultipliers[level] * BaseWidth % Heads == 0,
                    $"unet.heads ({Heads}) must divide the width {ChannelMultipliers[level] * BaseWidth} of attention level {level}");
        }
        if (MidAttention)
            problems.Require(Heads > 0 && ChannelMultipliers[^1] * BaseWidth % Heads == 0,
                $"unet.heads ({Heads}) must divide the bottleneck width {ChannelMultipliers[^1] * BaseWidth}");
    }
}
