using EmuEdit.Contracts.V1;
using Google.Protobuf;

namespace EmuEdit.Contracts.Tensors;

/// <summary>
/// Rebuilds tensors from a chunk stream, one after another, checking as each chunk arrives: the
/// header comes first and only once, sequence numbers run 0, 1, 2 without gaps, no chunk exceeds the
/// limit, and the bytes add up to exactly what dtype and shape need. Any breach is INVALID_ARGUMENT.
/// Not thread-safe: one per stream.
/// </summary>
public sealed class TensorAssembler(TensorLimits? limits = null)
{
    private readonly TensorLimits _limits = limits ?? TensorLimits.Default;
    private TensorHeader? _header;
    private byte[] _buffer = [];
    private int _expected;
    private int _received;
    private uint _nextSequence;

    /// <summary>True while a tensor has started but its last chunk has not come.</summary>
    public bool InProgress => _header is not null;

    /// <summary>Adds one chunk; returns the tensor when this chunk completed it, else null.</summary>
    public Tensor? Add(TensorChunk chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        if (_header is null)
        {
            Begin(chunk);
        }
        else
        {
            CheckContinuation(chunk);
        }
        Append(chunk);
        return chunk.Last ? Finish() : null;
    }

    /// <summary>Call when the stream ends: a tensor still in progress means the sender stopped early.</summary>
    public void EndOfStream()
    {
        if (_header is not null)
        {
            throw TensorErrors.Invalid(
                $"{TensorErrors.Describe(_header.Name)}: expected chunk {_nextSequence} (of {_expected} bytes, {_received} received), got the end of the stream");
        }
    }

    private void Begin(TensorChunk chunk)
    {
        if (chunk.Sequence != 0 || chunk.Header is null)
        {
            throw TensorErrors.Invalid(
                $"expected chunk 0 with a tensor header, got chunk {chunk.Sequence}{(chunk.Header is null ? " without a header" : string.Empty)}");
        }
        long bytes = TensorHeaders.ExpectedByteCount(chunk.Header.Name, chunk.Header.Dtype, chunk.Header.Shape, _limits);
        if (bytes > Array.MaxLength)
        {
            throw TensorErrors.Invalid($"{TensorErrors.Describe(chunk.Header.Name)}: expected at most {Array.MaxLength} bytes, got {bytes}");
        }
        _header = chunk.Header;
        // Grown as bytes arrive, not allocated from the header's word: a header that declares the limit and a
        // sender that then stalls must not pin that much memory per call.
        _expected = (int)bytes;
        _buffer = [];
        _received = 0;
        _nextSequence = 0;
    }

    private void CheckContinuation(TensorChunk chunk)
    {
        string what = TensorErrors.Describe(_header!.Name);
        if (chunk.Sequence != _nextSequence)
        {
            throw TensorErrors.Invalid($"{what}: expected chunk {_nextSequence}, got chunk {chunk.Sequence}");
        }
        if (chunk.Header is not null)
        {
            throw TensorErrors.Invalid($"{what}: expected no header after chunk 0, got one on chunk {chunk.Sequence}");
        }
    }

    private void Append(TensorChunk chunk)
    {
        string what = TensorErrors.Describe(_header!.Name);
        int length = chunk.Data.Length;
        if (length > _limits.MaxChunkBytes)
        {
            throw TensorErrors.Invalid($"{what}: expected chunks of at most {_limits.MaxChunkBytes} bytes, got {length} in chunk {chunk.Sequence}");
        }
        if ((long)_received + length > _expected)
        {
            throw TensorErrors.Invalid(
                $"{what}: shape {TensorErrors.Shape(_header.Shape)} of {DataTypes.Name(_header.Dtype)} needs {_expected} bytes, got {(long)_received + length} by chunk {chunk.Sequence}");
        }
        if (_received + length > _buffer.Length)
        {
            // Doubling, capped at the expected size, so a complete tensor ends in a buffer of exactly its size.
            int capacity = (int)Math.Min(_expected, Math.Max(_received + length, 2L * _buffer.Length));
            Array.Resize(ref _buffer, capacity);
        }
        chunk.Data.Span.CopyTo(_buffer.AsSpan(_received));
        _received += length;
        _nextSequence++;
    }

    private Tensor Finish()
    {
        TensorHeader header = _header!;
        if (_received != _expected)
        {
            throw TensorErrors.Invalid(
                $"{TensorErrors.Describe(header.Name)}: shape {TensorErrors.Shape(header.Shape)} of {DataTypes.Name(header.Dtype)} needs {_expected} bytes, got {_received} when the last chunk came");
        }
        var tensor = new Tensor
        {
            Name = header.Name,
            Dtype = header.Dtype,
            // The buffer is handed over, never written again: wrapping it saves a copy of the whole tensor.
            Raw = UnsafeByteOperations.UnsafeWrap(_buffer),
        };
        tensor.Shape.Add(header.Shape);
        _header = null;
        _buffer = [];
        _expected = 0;
        _received = 0;
        _nextSequence = 0;
        TensorCodec.Validate(tensor, limits: _limits);
        return tensor;
    }
}
