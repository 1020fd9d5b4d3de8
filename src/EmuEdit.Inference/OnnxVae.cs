using System.Globalization;
using EmuEdit.Onnx.Runtime;

namespace EmuEdit.Inference;

/// <summary>
/// Images to latents and back through the vae_encoder / vae_decoder graphs (either may be absent when a host
/// only decodes). Latents are the scaled ones diffusion works on; decoded images are clamped to [-1, 1] by
/// the graph. Thread-safe; the sessions are not owned (an <see cref="OnnxModelCatalog"/> normally holds them).
/// </summary>
public sealed class OnnxVae
{
    private readonly OnnxModelSession? _encoder;
    private readonly OnnxModelSession? _decoder;

    /// <exception cref="OnnxContractException">A session is not the graph it is given as.</exception>
    /// <exception cref="InvalidDataException">The two graphs disagree on the latent geometry.</exception>
    public OnnxVae(OnnxModelSession? encoder, OnnxModelSession? decoder)
    {
        if (encoder is null && decoder is null) throw new ArgumentException("Give a VAE encoder, a decoder, or both.");
        if (encoder is not null) OnnxGraphContracts.VaeEncoder.Verify(encoder);
        if (decoder is not null) OnnxGraphContracts.VaeDecoder.Verify(decoder);
        _encoder = encoder;
        _decoder = decoder;

        ImageChannels = FixedDim(encoder, "image", 1) ?? FixedDim(decoder, "image", 1);
        LatentChannels = Agree("latent channels", FixedDim(encoder, "latent", 1), FixedDim(decoder, "latent", 1))
            ?? Agree("latent channels", IntMetadata(encoder, OnnxMetadataKeys.LatentChannels), IntMetadata(decoder, OnnxMetadataKeys.LatentChannels));
        DownsampleFactor = Agree("downsampling factor", IntMetadata(encoder, OnnxMetadataKeys.DownsampleFactor), IntMetadata(decoder, OnnxMetadataKeys.DownsampleFactor));
    }

    /// <summary>Opens vae_encoder.onnx and vae_decoder.onnx from <paramref name="folder"/> through the catalog.</summary>
    public static OnnxVae Open(OnnxModelCatalog catalog, string folder)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new OnnxVae(catalog.Get(Path.Combine(folder, OnnxModelFiles.VaeEncoder)), catalog.Get(Path.Combine(folder, OnnxModelFiles.VaeDecoder)));
    }

    public bool CanEncode => _encoder is not null;

    public bool CanDecode => _decoder is not null;

    /// <summary>Image channels (3) when the graphs declare them.</summary>
    public int? ImageChannels { get; }

    /// <summary>C_z, from the graphs' declared shapes or metadata.</summary>
    public int? LatentChannels { get; }

    /// <summary>f, from the graphs' metadata (the project's graphs carry it).</summary>
    public int? DownsampleFactor { get; }

    /// <summary>Images [N, 3, H, W] in [-1, 1] to scaled latents [N, C_z, H/f, W/f].</summary>
    /// <exception cref="ArgumentException">Wrong channel count, or a side not divisible by f.</exception>
    public PlanarBatch Encode(PlanarBatch images)
    {
        ArgumentNullException.ThrowIfNull(images);
        var session = _encoder ?? throw new InvalidOperationException("This VAE has no encoder graph.");
        if (ImageChannels is { } c && images.Channels != c)
            throw new ArgumentException($"Images must have {c} channels ([batch,{c},H,W]); got {images}.", nameof(images));
        if (DownsampleFactor is { } f && (images.Height % f != 0 || images.Width % f != 0))
            throw new ArgumentException($"Image height and width must be multiples of the downsampling factor {f}; got {images}.", nameof(images));
        return PlanarBatch.From(session.Run(OnnxInputTensor.Float("image", images.Data, images.Shape))["latent"]);
    }

    /// <summary>Scaled latents [N, C_z, h, w] to images [N, 3, h*f, w*f] in [-1, 1].</summary>
    /// <exception cref="ArgumentException">Wrong channel count.</exception>
    public PlanarBatch Decode(PlanarBatch latents)
    {
        ArgumentNullException.ThrowIfNull(latents);
        var session = _decoder ?? throw new InvalidOperationException("This VAE has no decoder graph.");
        if (LatentChannels is { } c && latents.Channels != c)
            throw new ArgumentException($"Latents must have {c} channels ([batch,{c},h,w]); got {latents}.", nameof(latents));
        return PlanarBatch.From(session.Run(OnnxInputTensor.Float("latent", latents.Data, latents.Shape))["image"]);
    }

    private static int? FixedDim(OnnxModelSession? session, string tensor, int axis)
    {
        var description = session?.Inputs.Concat(session.Outputs).FirstOrDefault(t => t.Name == tensor);
        return description?.Shape[axis].Size is { } size ? checked((int)size) : null;
    }

    private static int? IntMetadata(OnnxModelSession? session, string key)
    {
        if (session is null || !session.Metadata.TryGetValue(key, out var text)) return null;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new InvalidDataException($"Model '{session.ModelName}': metadata {key} = '{text}' is not a positive integer.");
    }

    private static int? Agree(string what, int? fromEncoder, int? fromDecoder) =>
        fromEncoder is { } e && fromDecoder is { } d && e != d
            ? throw new InvalidDataException($"The VAE encoder and decoder disagree on the {what}: {e} and {d}.")
            : fromEncoder ?? fromDecoder;
}
