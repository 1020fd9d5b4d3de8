using EmuEdit.Contracts.Tensors;
using EmuEdit.Contracts.V1;
using EmuEdit.Pipeline.Abstractions;
using EmuEdit.Pipeline.Remote;
using Grpc.Core;

namespace EmuEdit.Pipeline.Serving;

/// <summary>TextEncoderService over any <see cref="IInstructionEncoder"/>: streams context, mask and pooled.</summary>
public sealed class TextEncoderEndpoint(IInstructionEncoder encoder, ServingOptions options) : TextEncoderService.TextEncoderServiceBase
{
    public override async Task EncodeInstructions(EncodeInstructionsRequest request, IServerStreamWriter<TensorChunk> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        options.CheckInstructions(request.Instructions);
        using var encoding = await encoder.EncodeAsync(request.Instructions, context.CancellationToken).ConfigureAwait(false);
        var ct = context.CancellationToken;
        await responseStream.WriteTensorAsync(WireTensors.FromFloat(WireNames.Context, encoding.Context), cancellationToken: ct).ConfigureAwait(false);
        await responseStream.WriteTensorAsync(WireTensors.FromBool(WireNames.Mask, encoding.Mask), cancellationToken: ct).ConfigureAwait(false);
        await responseStream.WriteTensorAsync(WireTensors.FromFloat(WireNames.Pooled, encoding.Pooled), cancellationToken: ct).ConfigureAwait(false);
    }
}
