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
        var byName = new Dictionary<string, EmuEdit.Contracts.V1.Tensor>(StringComparer.Ordinal);
        foreach (var t in tensors)
        {
            if (!byName.TryAdd(t.Name, t)) throw new InvalidOperationException($"The text encoder sent '{t.Name}' twice.");
        }
        EmuEdit.Contracts.V1.Tensor Required(string name) =>
            byName.TryGetValue(name, out var t) ? t : throw new InvalidOperationException($"The text encoder sent no '{name}' tensor.");
        // Shapes are checked before any tensor is built: an answer whose tensors disagree with the request or with
        // each other fails here, naming what disagrees, rather than deep inside the U-Net's attention.
        var (c, m, p) = (Required(WireNames.Context), Required(WireNames.Mask), Required(WireNames.Pooled));
        if (c.Shape.Count != WireNames.ContextRank || m.Shape.Count != WireNames.MaskRank || p.Shape.Count != WireNames.PooledRank
            || c.Shape[0] != instructions.Count || m.Shape[0] != instructions.Count || p.Shape[0] != instructions.Count
            || m.Shape[1] != c.Shape[1] || p.Shape[1] != c.Shape[2])
            throw new InvalidOperationException(
                $"The text encoder answered {instructions.Count} instructions with context [{string.Join(",", c.Shape)}], mask [{string.Join(",", m.Shape)}], " +
                $"pooled [{string.Join(",", p.Shape)}]; expected [{instructions.Count},L,D], [{instructions.Count},L], [{instructions.Count},D].");
        var context = WireTensors.ToFloat(c, WireNames.Context, WireNames.ContextRank);
        TorchSharp.torch.Tensor? mask = null;
        try
        {
            mask = WireTensors.ToBool(m, WireNames.Mask, WireNames.MaskRank);
            var pooled = WireTensors.ToFloat(p, WireNames.Pooled, WireNames.PooledRank);
            return new InstructionEncoding(context, mask, pooled);
        }
        catch
        {
            context.Dispose();
            mask?.Dispose();
            throw;
        }
    }
}
