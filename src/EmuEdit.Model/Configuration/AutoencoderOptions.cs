using System.Text.Json.Serialization;

namespace EmuEdit.Model.Configuration;

/// <summary>
/// The KL-regularised autoencoder E/D: RGB images of <see cref="ImageSize"/> pixels to latents of
/// <see cref="LatentChannels"/> channels at <see cref="ImageSize"/>/<see cref="DownFactor"/> resolution.
/// </summary>
public sealed record AutoencoderOptions
{
    /// <summary>Height and width of the (square) images the model edits.</summary>
    public required int ImageSize { get; init; }

    /// <summary>Image channels (3 for RGB).</summary>
    public required int InChannels { get; init; }

    /// <summary>C_z, the latent channels (16 in Emu).</summary>
    public required int LatentChannels { get; init; }

    /// <summary>f, the spatial downsampling from image to latent; must be 2^(levels - 1).</summary>
    public required int DownFactor { get; init; }

    /// <summary>Channel width of each resolution level, highest resolution first.</summary>
    public required IReadOnlyList<int> Widths { get; init; }

    /// <summary>Residual blocks at each level of the encoder, and of the decoder unless <see cref="DecoderResBlocksPerLevel"/> is set.</summary>
    public required int ResBlocksPerLevel { get; init; }

    /// <summary>
    /// Residual blocks at each decoder level when the decoder is deeper than the encoder: a grown decoder
    /// (`train autoencoder --decoder-from DIR --decoder-blocks N`), which leaves the encoder and so the latent
    /// space as they were. Null (not written) means <see cref="ResBlocksPerLevel"/>.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? DecoderResBlocksPerLevel { get; init; }

    /// <summary>GroupNorm groups; must divide every width.</summary>
    public required int NormGroups { get; init; }

    /// <summary>Weight of the KL term in the autoencoder loss; small, so latents stay well-behaved without blurring.</summary>
    public required double KlWeight { get; init; }

    /// <summary>Pixel reconstruction term of the autoencoder loss.</summary>
    public required ReconstructionLoss ReconstructionLoss { get; init; }

    /// <summary>Side of the latent grid, <see cref="ImageSize"/>/<see cref="DownFactor"/>.</summary>
    [JsonIgnore] // derived, not configured
    public int LatentSize => ImageSize / DownFactor;

    /// <summary>Residual blocks at each decoder level.</summary>
    [JsonIgnore] // derived, not configured
    public int DecoderBlocksPerLevel => DecoderResBlocksPerLevel ?? ResBlocksPerLevel;

    /// <summary>
    /// True when <paramref name="other"/> has this encoder and latent geometry: every setting equal but the
    /// decoder's depth, so one's latents mean the same to the other's architecture.
    /// </summary>
    public bool HasSameEncoder(AutoencoderOptions other)
    {
        ArgumentNullException.ThrowIfNull(other);
        // Record equality compares the widths list by reference, so compare it by value.
        return this with { Widths = other.Widths, DecoderResBlocksPerLevel = other.DecoderResBlocksPerLevel } == other
            && Widths.SequenceEqual(other.Widths);
    }

    internal void Validate(ConfigProblems problems)
    {
        problems.Require(ImageSize > 0, $"autoencoder.imageSize must be positive (got {ImageSize})");
        problems.Require(InChannels > 0, $"autoencoder.inChannels must be positive (got {InChannels})");
        problems.Require(LatentChannels > 0, $"autoencoder.latentChannels must be positive (got {LatentChannels})");
        problems.Require(ConfigProblems.IsPowerOfTwo(DownFactor), $"autoencoder.downFactor must be a power of two (got {DownFactor})");
        problems.Require(DownFactor > 0 && ImageSize % DownFactor == 0,
            $"autoencoder.imageSize ({ImageSize}) must be divisible by autoencoder.downFactor ({DownFactor})");
        problems.Require(Widths is { Count: > 0 }, "autoencoder.widths must list at least one level");
        if (Widths is { Count: > 0 })
        {
            problems.Require(1 << (Widths.Count - 1) == DownFactor,
                $"autoencoder.widths has {Widths.Count} levels, which downsample by {1 << (Widths.Count - 1)}, " +
                $"but autoencoder.downFactor is {DownFactor}");
            foreach (var w in Widths)
                problems.Require(w > 0 && NormGroups > 0 && w % NormGroups == 0,
                    $"autoencoder.widths entry {w} must be positive and divisible by autoencoder.normGroups ({NormGroups})");
        }
        problems.Require(ResBlocksPerLevel > 0, $"autoencoder.resBlocksPerLevel must be positive (got {ResBlocksPerLevel})");
        problems.Require(DecoderResBlocksPerLevel is null or > 0, $"autoencoder.decoderResBlocksPerLevel must be positive when set (got {DecoderResBlocksPerLevel})");
        problems.Require(NormGroups > 0, $"autoencoder.normGroups must be positive (got {NormGroups})");
        problems.Require(KlWeight >= 0, $"autoencoder.klWeight must not be negative (got {KlWeight})");
    }
}
