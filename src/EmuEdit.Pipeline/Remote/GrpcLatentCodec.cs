using EmuEdit.Contracts.Tensors;
using EmuEdit.Contracts.V1;
using EmuEdit.Pipeline.Abstractions;
using Grpc.Core;
using TorchTensor = TorchSharp.torch.Tensor;

namespace EmuEdit.Pipeline.Remote;

/// <summary>The vae-decoder service over gRPC: tensors streamed both ways in chunks.</summary>
public sealed class GrpcLatentCodec(VaeService.VaeServiceClient client) : ILatentCodec
{
    private readonly VaeService.VaeServiceClient _client = client ?? throw new ArgumentNullException(nameof(client));

    public Task<TorchTensor> EncodeAsync(TorchTensor images, CancellationToken cancellationToken = default) =>
        ExchangeAsync(_client.EncodeImages(cancellationToken: cancellationToken), WireNames.Image, images, WireNames.Latent, cancellationToken);

    public Task<TorchTensor> DecodeAsync(TorchTensor latents, CancellationToken cancellationToken = default) =>
        ExchangeAsync(_client.DecodeLatents(cancellationToken: cancellationToken), WireNames.Latent, latents, WireNames.Image, cancellationToken);

    public async Task<LatentGeometry> GetGeometryAsync(CancellationToken cancellationToken = default)
    {
        var info = await _client.GetVaeInfoAsync(new GetVaeInfoRequest(), cancellationToken: cancellationToken).ConfigureAwait(false);
        return new LatentGeometry(info.LatentChannels, info.DownsamplingFactor) { LatentSpace = info.LatentSpace is { Length: > 0 } space ? space : null };
    }

    private static async Task<TorchTensor> ExchangeAsync(
        AsyncDuplexStreamingCall<TensorChunk, TensorChunk> call, string inName, TorchTensor input, string outName, CancellationToken cancellationToken)
    {
        using (call)
        {
            await call.RequestStream.WriteTensorAsync(WireTensors.FromFloat(inName, input), cancellationToken: cancellationToken).ConfigureAwait(false);
            await call.RequestStream.CompleteAsync().ConfigureAwait(false);
            var spec = WireTensors.AnyShape(outName, DataType.Float32, WireNames.ImageRank);
            var wire = await call.ResponseStream.ReadTensorAsync(spec, cancellationToken: cancellationToken).ConfigureAwait(false);
            return WireTensors.ToFloat(wire, outName, WireNames.ImageRank);
        }
    }
}
