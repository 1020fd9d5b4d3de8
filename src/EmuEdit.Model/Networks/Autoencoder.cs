using EmuEdit.Model.Configuration;
using static TorchSharp.torch;

namespace EmuEdit.Model.Networks;

/// <summary>
/// The KL-regularised autoencoder E/D between RGB images in [-1, 1] [B, 3, H, W] and latents
/// [B, C_z, H/f, W/f]. The diffusion model sees latents multiplied by <see cref="LatentScale"/>, a buffer
/// (so it travels with the weights) that the trainer calibrates to make latents unit-variance.
/// </summary>
public sealed class Autoencoder : nn.Module
{
    // The same clamp as latent-diffusion autoencoders: keeps exp(logvar) finite early in training.
    private const double MinLogVariance = -30;
    private const double MaxLogVariance = 20;

    private readonly AutoencoderEncoder encoder;
    private readonly AutoencoderDecoder decoder;
    private readonly Tensor latent_scale;

    public Autoencoder(AutoencoderOptions options) : base(nameof(Autoencoder))
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        encoder = new AutoencoderEncoder(options);
        decoder = new AutoencoderDecoder(options);
        // 1 until calibrated: an uncalibrated autoencoder passes latents through unchanged.
        latent_scale = ones(1);
        RegisterComponents();
    }

    public AutoencoderOptions Options { get; }

    /// <summary>The factor between the encoder's latents and the latents diffusion works on.</summary>
    public float LatentScale => latent_scale.item<float>();

    // Read by the ONNX emitters (src/EmuEdit.Model.Onnx), which write this forward as graph nodes.
    internal AutoencoderEncoder Encoder => encoder;
    internal AutoencoderDecoder Decoder => decoder;

    public void SetLatentScale(double scale)
    {
        if (!(scale > 0) || double.IsInfinity(scale))
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "The latent scale must be a positive finite number.");
        using (no_grad()) latent_scale.fill_(scale);
    }

    /// <summary>
    /// Stops gradients into the encoder (and so into the latent space): decoder fine-tuning, which improves
    /// reconstructions while every latent an editor was trained on keeps its meaning.
    /// </summary>
    public void FreezeEncoder()
    {
        foreach (var p in encoder.parameters()) p.requires_grad = false;
    }

    /// <summary>
    /// True when <paramref name="other"/> maps images to the same latents: equal encoder weights and latent
    /// scale, up to fp16 storage rounding. Its decoder may differ (a decoder fine-tune of this one).
    /// </summary>
    public bool HasSameLatentSpace(Autoencoder other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (Math.Abs(LatentScale - other.LatentScale) > LatentSpaceTolerance * Math.Abs(LatentScale)) return false;
        using var scope = NewDisposeScope();
        var theirs = other.encoder.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        var ours = encoder.named_parameters().ToList();
        return ours.Count == theirs.Count && ours.All(p => theirs.TryGetValue(p.name, out var q)
            && p.parameter.shape.SequenceEqual(q.shape)
            && p.parameter.to_type(ScalarType.Float32).allclose(q.to_type(ScalarType.Float32).to(p.parameter.device), rtol: LatentSpaceTolerance, atol: LatentSpaceTolerance));
    }

    /// <summary>
    /// Copies <paramref name="source"/> into this autoencoder, whose decoder may have more residual blocks per
    /// level (a grown decoder). Every tensor of the source goes to its place; each added block is appended to
    /// its level and starts as the identity (its last conv zeroed, so only the skip passes), so this
    /// autoencoder reconstructs exactly as the source does until it trains.
    /// </summary>
    /// <exception cref="ArgumentException">The encoders differ, or this decoder has fewer blocks per level.</exception>
    public void LoadGrownFrom(Autoencoder source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var (from, to) = (source.Options.DecoderBlocksPerLevel, Options.DecoderBlocksPerLevel);
        if (!Options.HasSameEncoder(source.Options) || to < from)
            throw new ArgumentException($"Only an autoencoder of the same encoder whose decoder has at most {to} blocks per level can grow into this one (it has {from}).", nameof(source));
        using var _ = no_grad();
        var ours = state_dict();
        foreach (var (name, tensor) in source.state_dict())
            ours[GrownName(name, from, to)].copy_(tensor);
        var blocks = decoder.Blocks;
        for (var k = 0; k < blocks.Count; k++)
        {
            if (k % to < from) continue;
            blocks[k].Conv2.weight!.zero_();
            blocks[k].Conv2.bias!.zero_();
        }
    }

    // Decoder block k of a decoder with `from` blocks per level is block i of level step k / from; it keeps
    // that place in a decoder with `to` blocks per level, the added blocks following it.
    private static string GrownName(string name, int from, int to)
    {
        const string Prefix = "decoder.blocks.";
        if (!name.StartsWith(Prefix, StringComparison.Ordinal)) return name;
        var dot = name.IndexOf('.', Prefix.Length);
        var k = int.Parse(name[Prefix.Length..dot], System.Globalization.CultureInfo.InvariantCulture);
        return $"{Prefix}{k / from * to + k % from}{name[dot..]}";
    }

    // fp16 keeps ~3 significant digits: a shipped (fp16) copy of an encoder still counts as the same.
    private const double LatentSpaceTolerance = 1e-3;

    /// <summary>
    /// Sets <see cref="LatentScale"/> to 1/std of the encoder means over <paramref name="images"/>, the
    /// latent-diffusion recipe for unit-variance diffusion inputs; returns the new scale.
    /// </summary>
    public double CalibrateLatentScale(Tensor images)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var std = EncodeDistribution(images).Mean.std().item<float>();
        var scale = 1.0 / std;
        SetLatentScale(scale);
        return scale;
    }

    /// <summary>The encoder's distribution over unscaled latents.</summary>
    public LatentDistribution EncodeDistribution(Tensor images)
    {
        var moments = encoder.forward(images);
        var parts = moments.chunk(2, 1);
        return new LatentDistribution(parts[0], parts[1].ClampTo(MinLogVariance, MaxLogVariance));
    }

    /// <summary>Scaled latents E(x): the mean (deterministic, for conditioning and inference) or a sample.</summary>
    public Tensor Encode(Tensor images, bool sample = false, Generator? generator = null)
    {
        var distribution = EncodeDistribution(images);
        var z = sample ? distribution.Sample(generator) : distribution.Mean;
        return z * latent_scale;
    }

    /// <summary>D(z) for scaled latents; the image is not clamped.</summary>
    public Tensor Decode(Tensor latents) => decoder.forward(latents / latent_scale);

    /// <summary>The autoencoder training loss on images in [-1, 1], through a sampled latent.</summary>
    public AutoencoderLoss Loss(Tensor images, Generator? generator = null)
    {
        var distribution = EncodeDistribution(images);
        var reconstructed = decoder.forward(distribution.Sample(generator));
        var reconstruction = Options.ReconstructionLoss switch
        {
            ReconstructionLoss.L1 => (reconstructed - images).abs().mean(),
            ReconstructionLoss.Mse => (reconstructed - images).square().mean(),
            _ => throw new InvalidOperationException($"Unknown reconstruction loss {Options.ReconstructionLoss}."),
        };
        var kl = distribution.KlPerElement();
        return new AutoencoderLoss(reconstruction.Plus(kl.Times(Options.KlWeight)), reconstruction, kl, reconstructed);
    }
}
