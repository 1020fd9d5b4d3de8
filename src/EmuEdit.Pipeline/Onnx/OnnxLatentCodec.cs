using EmuEdit.Inference;
using EmuEdit.Pipeline.Abstractions;
using static TorchSharp.torch;

namespace EmuEdit.Pipeline.Onnx;

/// <summary>The autoencoder part on ONNX Runtime (vae_encoder.onnx and vae_decoder.onnx).</summary>
public sealed class OnnxLatentCodec : ILatentCodec
{
    private readonly OnnxVae _vae;

    /// <param name="latentSpace">The <see cref="EmuEdit.Model.Checkpoints.LatentSpaceDigest"/> of the weights the graphs were exported from, when known.</param>
    /// <exception cref="InvalidDataException">The graphs do not declare C_z and f (the project's exports do).</exception>
    public OnnxLatentCodec(OnnxVae vae, string? latentSpace = null)
    {
        _vae = vae ?? throw new ArgumentNullException(nameof(vae));
        Geometry = new LatentGeometry(
            vae.LatentChannels ?? throw new InvalidDataException("The VAE graphs declare no latent channel count."),
            vae.DownsampleFactor ?? throw new InvalidDataException("The VAE graphs declare no downsampling factor."))
        { LatentSpace = latentSpace };
    }

    public LatentGeometry Geometry { get; }

    public Task<LatentGeometry> GetGeometryAsync(CancellationToken cancellationToken = default) => Task.FromResult(Geometry);

    public Task<Tensor> EncodeAsync(Tensor images, CancellationToken cancellationToken = default) =>
        Task.FromResult(Run(images, _vae.Encode, cancellationToken));

    public Task<Tensor> DecodeAsync(Tensor latents, CancellationToken cancellationToken = default) =>
        Task.FromResult(Run(latents, _vae.Decode, cancellationToken));

    private static Tensor Run(Tensor input, Func<PlanarBatch, PlanarBatch> graph, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        cancellationToken.ThrowIfCancellationRequested();
        if (input.dim() != 4) throw new ArgumentException("expected [batch, channels, height, width]", nameof(input));
        using var converted = input.to(ScalarType.Float32, CPU);
        using var cpu = converted.contiguous();
        var s = cpu.shape;
        var output = graph(new PlanarBatch(cpu.data<float>().ToArray(), (int)s[0], (int)s[1], (int)s[2], (int)s[3]));
        return tensor(output.Data, output.Shape, ScalarType.Float32);
    }
}
