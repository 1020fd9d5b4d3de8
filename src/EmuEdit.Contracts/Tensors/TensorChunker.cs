using EmuEdit.Contracts.V1;
using Google.Protobuf;

namespace EmuEdit.Contracts.Tensors;

/// <summary>Splits a tensor into the chunks a stream carries: header on chunk 0, last flag on the final one.</summary>
public static class TensorChunker
{
    public static IEnumerable<TensorChunk> Split(Tensor tensor, int chunkBytes)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chunkBytes);
        TensorCodec.Validate(tensor);
        return SplitValidated(tensor, chunkBytes);
    }

    private static IEnumerable<TensorChunk> SplitValidated(Tensor tensor, int chunkBytes)
    {
        var header = new TensorHeader { Name = tensor.Name, Dtype = tensor.Dtype };
        header.Shape.Add(tensor.Shape);
        ReadOnlyMemory<byte> raw = tensor.Raw.Memory;
        uint sequence = 0;
        int offset = 0;
        do
        {
            int length = Math.Min(chunkBytes, raw.Length - offset);
            var chunk = new TensorChunk
            {
                Sequence = sequence,
                // A slice of the tensor's immutable bytes: no copy per chunk.
                Data = UnsafeByteOperations.UnsafeWrap(raw.Slice(offset, length)),
                Last = offset + length == raw.Length,
            };
            if (sequence == 0)
            {
                chunk.Header = header;
            }
            yield return chunk;
            offset += length;
            sequence++;
        }
        while (offset < raw.Length);
    }
}
