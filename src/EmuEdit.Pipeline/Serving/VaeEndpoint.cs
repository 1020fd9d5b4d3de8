using EmuEdit.Contracts.Tensors;
using EmuEdit.Contracts.V1;
using EmuEdit.Pipeline.Abstractions;
using EmuEdit.Pipeline.Remote;
using Grpc.Core;

namespace EmuEdit.Pipeline.Serving;

/// <summary>VaeService over any <see cref="ILatentCodec"/>: images to latents and back, each a chunked tensor stream.</summary>
public sealed class VaeEndpoint(ILatentCodec codec, ServingOptions options, ModelVersion version) : VaeService.VaeServiceBase
{
    public override async Task EncodeImages(IAsyncStreamReader<TensorChunk> requestStream, IServerStreamWriter<TensorChunk> responseStream, ServerCallContext context)
    {
        var geometry = await codec.GetGeometryAsync(context.CancellationToken).ConfigureAwait(false);
        var spec = new TensorSpec(WireNames.Image, DataType.Float32, [TensorSpec.AnyDimension, 3, TensorSpec.AnyDimension, TensorSpec.AnyDimension]);
        var wire = await requestStream.ReadTensorAsync(spec, cancellationToken: context.CancellationToken).ConfigureAwait(false);
        CheckBatch(wire.Shape[0]);
        var (h, w) = (wire.Shape[2], wire.Shape[3]);
        if (h < 1 || w < 1 || h > options.MaxImageSide || w > options.MaxImageSide || h % geometry.DownsamplingFactor != 0 || w % geometry.DownsamplingFactor != 0)
            throw TensorErrors.Invalid($"image: height and width must be 1..{options.MaxImageSide} and multiples of {geometry.DownsamplingFactor}, got {h}x{w}");
        using var images = WireTensors.ToFloat(wire, WireNames.Image, WireNames.ImageRank);
        using var latents = await codec.EncodeAsync(images, context.CancellationToken).ConfigureAwait(false);
        await responseStream.WriteTensorAsync(WireTensors.FromFloat(WireNames.Latent, latents), cancellationToken: context.CancellationToken).ConfigureAwait(false);
    }

    public override async Task DecodeLatents(IAsyncStreamReader<TensorChunk> requestStream, IServerStreamWriter<TensorChunk> responseStream, ServerCallContext context)
    {
        var geometry = await codec.GetGeometryAsync(context.CancellationToken).ConfigureAwait(false);
        var spec = new TensorSpec(WireNames.Latent, DataType.Float32, [TensorSpec.AnyDimension, geometry.LatentChannels, TensorSpec.AnyDimension, TensorSpec.AnyDimension]);
        var wire = await requestStream.ReadTensorAsync(spec, cancellationToken: context.CancellationToken).ConfigureAwait(false);
        CheckBatch(wire.Shape[0]);
        var maxSide = options.MaxImageSide / geometry.DownsamplingFactor;
        if (wire.Shape[2] < 1 || wire.Shape[3] < 1 || wire.Shape[2] > maxSide || wire.Shape[3] > maxSide)
            throw TensorErrors.Invalid($"latent: height and width must be 1..{maxSide}, got {wire.Shape[2]}x{wire.Shape[3]}");
        // Refused before decoding: images too large to send back would cost a decode (and likely the pod's memory) for nothing.
        long decodedBytes = DecodedBytes(wire.Shape[0], wire.Shape[2], wire.Shape[3], geometry.DownsamplingFactor);
        if (decodedBytes > TensorLimits.Default.MaxTensorBytes)
            throw TensorErrors.Invalid($"latent: the decoded images would be {decodedBytes} bytes, over the {TensorLimits.Default.MaxTensorBytes}-byte tensor limit; decode fewer or smaller latents per call");
        using var latents = WireTensors.ToFloat(wire, WireNames.Latent, WireNames.ImageRank);
        using var images = await codec.DecodeAsync(latents, context.CancellationToken).ConfigureAwait(false);
        await responseStream.WriteTensorAsync(WireTensors.FromFloat(WireNames.Image, images), cancellationToken: context.CancellationToken).ConfigureAwait(false);
    }

    public override async Task<VaeInfo> GetVaeInfo(GetVaeInfoRequest request, ServerCallContext context)
    {
        var geometry = await codec.GetGeometryAsync(context.CancellationToken).ConfigureAwait(false);
        return new VaeInfo
        {
            LatentChannels = geometry.LatentChannels,
            DownsamplingFactor = geometry.DownsamplingFactor,
            Dtype = DataType.Float32,
            ModelVersion = version.Value,
            LatentSpace = geometry.LatentSpace ?? string.Empty,
        };
    }

    /// <summary>The byte size of the float32 RGB images <paramref name="batch"/> latents of <paramref name="height"/>×<paramref name="width"/> decode to.</summary>
    public static long DecodedBytes(long batch, long height, long width, int downsamplingFactor) =>
        batch * 3 * (height * downsamplingFactor) * (width * downsamplingFactor) * sizeof(float);

    private void CheckBatch(long batch)
    {
        if (batch < 1 || batch > options.MaxBatch) throw TensorErrors.Invalid($"batch must be 1..{options.MaxBatch}, got {batch}");
    }
}
