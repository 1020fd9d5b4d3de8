using System.Runtime.CompilerServices;
using EmuEdit.Contracts.V1;
using Grpc.Core;

namespace EmuEdit.Contracts.Tensors;

/// <summary>Tensors over gRPC streams of <see cref="TensorChunk"/>, for either end of a call.</summary>
public static class TensorStreams
{
    public static async Task WriteTensorAsync(
        this IAsyncStreamWriter<TensorChunk> writer, Tensor tensor, TensorLimits? limits = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        foreach (TensorChunk chunk in TensorChunker.Split(tensor, (limits ?? TensorLimits.Default).ChunkBytes))
        {
            cancellationToken.ThrowIfCancellationRequested();
            await writer.WriteAsync(chunk, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Every tensor until the stream ends; a tensor cut off by the end is INVALID_ARGUMENT.</summary>
    public static async IAsyncEnumerable<Tensor> ReadTensorsAsync(
        this IAsyncStreamReader<TensorChunk> reader, TensorLimits? limits = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var assembler = new TensorAssembler(limits);
        while (await reader.MoveNext(cancellationToken).ConfigureAwait(false))
        {
            Tensor? tensor = assembler.Add(reader.Current);
            if (tensor is not null)
            {
                yield return tensor;
            }
        }
        assembler.EndOfStream();
    }

    /// <summary>Reads the next tensor and checks it against <paramref name="spec"/>.</summary>
    public static async Task<Tensor> ReadTensorAsync(
        this IAsyncStreamReader<TensorChunk> reader, TensorSpec spec, TensorLimits? limits = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(spec);
        var assembler = new TensorAssembler(limits);
        while (await reader.MoveNext(cancellationToken).ConfigureAwait(false))
        {
            TensorChunk chunk = reader.Current;
            if (chunk.Header is not null)
            {
                // Checked at the header so a wrong tensor is refused before its bytes are buffered.
                spec.Check(chunk.Header.Name, chunk.Header.Dtype, chunk.Header.Shape);
            }
            Tensor? tensor = assembler.Add(chunk);
            if (tensor is not null)
            {
                return tensor;
            }
        }
        assembler.EndOfStream();
        throw TensorErrors.Invalid($"expected tensor '{spec.Name}', got the end of the stream");
    }
}
