using EmuEdit.Contracts.Tensors;
using EmuEdit.Contracts.V1;
using EmuEdit.Pipeline.Abstractions;

namespace EmuEdit.Pipeline.Remote;

/// <summary>The text-encoder service over gRPC: one request, a stream of context, mask and pooled.</summary>
public sealed class GrpcInstructionEncoder(TextEncoderService.TextEncoderServiceClient client) : IInstructionEncoder
{
    private readonly TextEncoderService.TextEncoderServiceClient _client = client ?? throw new ArgumentNullException(nameof(client));

    public async Task<InstructionEncoding> EncodeAsync(IReadOnlyList<string> instructions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instructions);
        var request = new EncodeInstructionsRequest();
        request.Instructions.AddRange(instructions);
        using var call = _client.EncodeInstructions(request, cancellationToken: cancellationToken);
        var tensors = new List<EmuEdit.Contracts.V1.Tensor>();
        await foreach (var t in call.ResponseStream.ReadTensorsAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
            tensors.Add(t);
        var byName = tensors.ToDictionary(t => t.Name, StringComparer.Ordinal);
        EmuEdit.Contracts.V1.Tensor Required(string name) =>
            byName.TryGetValue(name, out var t) ? t : throw new InvalidOperationException($"The text encoder sent no '{name}' tensor.");
        var context = WireTensors.ToFloat(Required(WireNames.Context), WireNames.Context, WireNames.ContextRank);
        var mask = WireTensors.ToBool(Required(WireNames.Mask), WireNames.Mask, WireNames.MaskRank);
        var pooled = WireTensors.ToFloat(Required(WireNames.Pooled), WireNames.Pooled, WireNames.PooledRank);
        return new InstructionEncoding(context, mask, pooled);
    }
}
