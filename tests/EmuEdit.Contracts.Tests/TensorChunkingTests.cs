using EmuEdit.Contracts.Tensors;
using EmuEdit.Contracts.V1;
using Google.Protobuf;
using Grpc.Core;

namespace EmuEdit.Contracts.Tests;

public sealed class TensorChunkingTests
{
    private const int ChunkBytes = 1000;

    private static Tensor Latent(int elements)
    {
        float[] values = [.. Enumerable.Range(0, elements).Select(i => i * 0.5f)];
        return TensorCodec.Create<float>("latent", values, 1, elements);
    }

    private static void AssertInvalid(Action action, params string[] fragments)
    {
        RpcException error = Assert.Throws<RpcException>(action);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        foreach (string fragment in fragments)
        {
            Assert.Contains(fragment, error.Status.Detail, StringComparison.Ordinal);
        }
    }

    private static Tensor? Feed(TensorAssembler assembler, IEnumerable<TensorChunk> chunks)
    {
        Tensor? result = null;
        foreach (TensorChunk chunk in chunks)
        {
            result = assembler.Add(chunk);
        }
        return result;
    }

    [Fact]
    public void A_header_that_declares_a_huge_tensor_does_not_allocate_it_before_the_bytes_come()
    {
        // 400 MB declared (within the 512 MiB limit), one small chunk sent, then nothing.
        var header = new TensorHeader { Name = "latent", Dtype = DataType.Float32 };
        header.Shape.Add([100, 1000, 1000]);
        var first = new TensorChunk { Sequence = 0, Header = header, Data = ByteString.CopyFrom(new byte[1000]) };
        var assembler = new TensorAssembler();
        long before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Null(assembler.Add(first));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 1_000_000, $"allocated {allocated} bytes for a 1000-byte chunk");
        Assert.True(assembler.InProgress);
    }

    [Fact]
    public void A_tensor_in_many_uneven_chunks_is_rebuilt_exactly()
    {
        Tensor latent = Latent(12_345);
        List<TensorChunk> chunks = [.. TensorChunker.Split(latent, 777)];
        Tensor rebuilt = Feed(new TensorAssembler(), chunks)!;
        Assert.Equal(latent.Raw, rebuilt.Raw);
        Assert.Equal(latent.Raw.Length, rebuilt.Raw.Span.Length);
    }

    [Fact]
    public void Split_numbers_chunks_and_puts_the_header_first()
    {
        List<TensorChunk> chunks = [.. TensorChunker.Split(Latent(1001), ChunkBytes)];
        Assert.Equal(5, chunks.Count); // 4004 bytes
        Assert.Equal([0u, 1u, 2u, 3u, 4u], chunks.Select(c => c.Sequence));
        Assert.NotNull(chunks[0].Header);
        Assert.All(chunks.Skip(1), c => Assert.Null(c.Header));
        Assert.Equal([false, false, false, false, true], chunks.Select(c => c.Last));
        Assert.Equal(4, chunks[4].Data.Length);
    }

    [Fact]
    public void Several_tensors_round_trip_through_one_stream()
    {
        Tensor first = Latent(1001);
        Tensor second = TensorCodec.Create<bool>("mask", [true, false], 2);
        Tensor empty = TensorCodec.Create<long>("none", [], 0);
        var assembler = new TensorAssembler();
        var received = new List<Tensor>();
        foreach (TensorChunk chunk in new[] { first, second, empty }.SelectMany(t => TensorChunker.Split(t, ChunkBytes)))
        {
            if (assembler.Add(chunk) is { } tensor)
            {
                received.Add(tensor);
            }
        }
        assembler.EndOfStream();
        Assert.Equal([first, second, empty], received);
    }

    [Fact]
    public void Chunk_out_of_order_is_refused()
    {
        List<TensorChunk> chunks = [.. TensorChunker.Split(Latent(1001), ChunkBytes)];
        (chunks[1], chunks[2]) = (chunks[2], chunks[1]);
        AssertInvalid(() => Feed(new TensorAssembler(), chunks), "expected chunk 1", "got chunk 2");
    }

    [Fact]
    public void Stream_must_start_with_a_header()
    {
        List<TensorChunk> chunks = [.. TensorChunker.Split(Latent(1001), ChunkBytes)];
        AssertInvalid(() => Feed(new TensorAssembler(), chunks.Skip(1)), "expected chunk 0 with a tensor header", "got chunk 1");
    }

    [Fact]
    public void A_second_header_is_refused()
    {
        List<TensorChunk> chunks = [.. TensorChunker.Split(Latent(1001), ChunkBytes)];
        chunks[1].Header = chunks[0].Header;
        AssertInvalid(() => Feed(new TensorAssembler(), chunks), "expected no header after chunk 0", "on chunk 1");
    }

    [Fact]
    public void Too_many_bytes_are_refused_as_they_arrive()
    {
        List<TensorChunk> chunks = [.. TensorChunker.Split(Latent(10), ChunkBytes)];
        chunks[0].Data = ByteString.CopyFrom(new byte[41]);
        AssertInvalid(() => Feed(new TensorAssembler(), chunks), "needs 40 bytes", "got 41");
    }

    [Fact]
    public void Too_few_bytes_at_the_last_chunk_are_refused()
    {
        List<TensorChunk> chunks = [.. TensorChunker.Split(Latent(10), ChunkBytes)];
        chunks[0].Data = ByteString.CopyFrom(new byte[36]);
        AssertInvalid(() => Feed(new TensorAssembler(), chunks), "needs 40 bytes", "got 36 when the last chunk came");
    }

    [Fact]
    public void Stream_ending_mid_tensor_is_refused()
    {
        var assembler = new TensorAssembler();
        Feed(assembler, TensorChunker.Split(Latent(1001), ChunkBytes).Take(2));
        Assert.True(assembler.InProgress);
        AssertInvalid(assembler.EndOfStream, "expected chunk 2", "end of the stream");
    }

    [Fact]
    public void Oversized_chunk_is_refused()
    {
        var limits = new TensorLimits { MaxChunkBytes = 512 };
        AssertInvalid(() => Feed(new TensorAssembler(limits), TensorChunker.Split(Latent(1001), ChunkBytes)), "at most 512 bytes", "got 1000");
    }

    [Fact]
    public void Header_beyond_the_size_limit_is_refused_before_allocating()
    {
        var limits = new TensorLimits { MaxTensorBytes = 1024 };
        AssertInvalid(() => Feed(new TensorAssembler(limits), TensorChunker.Split(Latent(1001), ChunkBytes)), "at most 1024 bytes");
    }
}
