using EmuEdit.Model.Checkpoints;
using EmuEdit.Model.Networks;
using EmuEdit.Pipeline.Abstractions;
using static TorchSharp.torch;

namespace EmuEdit.Pipeline.InProcess;

/// <summary>The checkpoint's TorchSharp autoencoder, in this process (encoder mean, no sampling).</summary>
public sealed class InProcessLatentCodec : ILatentCodec, IDisposable
{
    private readonly Autoencoder _autoencoder;
    private readonly bool _ownsAutoencoder;
    private readonly Lock _gate = new();

    /// <param name="ownsAutoencoder">Dispose <paramref name="autoencoder"/> with this object.</param>
    /// <param name="latentSpace">The weights file's <see cref="LatentSpaceDigest"/>, when the autoencoder came from one.</param>
    public InProcessLatentCodec(Autoencoder autoencoder, bool ownsAutoencoder = false, string? latentSpace = null)
    {
        _autoencoder = autoencoder ?? throw new ArgumentNullException(nameof(autoencoder));
        _ownsAutoencoder = ownsAutoencoder;
        _autoencoder.eval();
        Geometry = new(_autoencoder.Options.LatentChannels, _autoencoder.Options.DownFactor) { LatentSpace = latentSpace };
    }

    /// <summary>Loads only the autoencoder from a checkpoint folder.</summary>
    public static InProcessLatentCodec Load(string modelFolder) =>
        new(ModelCheckpoint.LoadAutoencoder(modelFolder), ownsAutoencoder: true, LatentSpaceDigest.TryOf(modelFolder));

    public LatentGeometry Geometry { get; }

    public Task<LatentGeometry> GetGeometryAsync(CancellationToken cancellationToken = default) => Task.FromResult(Geometry);

    public Task<Tensor> EncodeAsync(Tensor images, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(images);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            // Checked again once the lock is ours: a call that waited past its deadline behind others is not run.
            cancellationToken.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var latents = _autoencoder.Encode(images.to(ScalarType.Float32)).contiguous();
            return Task.FromResult(latents.MoveToOuterDisposeScope());
        }
    }

    public Task<Tensor> DecodeAsync(Tensor latents, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(latents);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var images = _autoencoder.Decode(latents.to(ScalarType.Float32)).ClampTo(-1, 1).contiguous();
            return Task.FromResult(images.MoveToOuterDisposeScope());
        }
    }

    public void Dispose()
    {
        if (_ownsAutoencoder) _autoencoder.Dispose();
    }
}
