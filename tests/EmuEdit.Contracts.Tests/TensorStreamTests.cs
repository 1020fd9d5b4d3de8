using EmuEdit.Contracts.Tensors;
using EmuEdit.Contracts.V1;
using Grpc.Core;

namespace EmuEdit.Contracts.Tests;

/// <summary>The stream helpers over in-memory gRPC stream ends (the same interfaces a real call hands out).</summary>
public sealed class TensorStreamTests
{
    private sealed class Pipe : IAsyncStreamWriter<TensorChunk>, IAsyncStreamReader<TensorChunk>
    {
        private readonly Queue<TensorChunk> _chunks = new();

        public WriteOptions? WriteOptions { get; set; }
        public TensorChunk Current { get; private set; } = new();

        public Task WriteAsync(TensorChunk message)
        {
            _chunks.Enqueue(message);
            return Task.CompletedTask;
        }

        public Task<bool> MoveNext(CancellationToken cancellationToken)
        {
            if (!_chunks.TryDequeue(out TensorChunk? next))
            {
                return Task.FromResult(false);
            }
            Current = next;
            return Task.FromResult(true);
        }
    }

    [Fact]
    public async Task Written_tensors_are_read_back_with_their_spec()
    {
        var limits = new TensorLimits { ChunkBytes = 256 };
        var pipe = new Pipe();
        Tensor context = TensorCodec.Create<Half>("context", new Half[2 * 5 * 16], 2, 5, 16);
        Tensor mask = TensorCodec.Create<bool>("mask", new bool[10], 2, 5);
        await pipe.WriteTensorAsync(context, limits, CancellationToken.None);
        await pipe.WriteTensorAsync(mask, limits, CancellationToken.None);

        Tensor readContext = await pipe.ReadTensorAsync(
            new TensorSpec("context", DataType.Float16, [TensorSpec.AnyDimension, TensorSpec.AnyDimension, 16]), limits);
        Assert.Equal(context, readContext);
        var rest = new List<Tensor>();
        await foreach (Tensor tensor in pipe.ReadTensorsAsync(limits))
        {
            rest.Add(tensor);
        }
        Assert.Equal([mask], rest);
    }

    [Fact]
    public async Task Wrong_tensor_is_refused_at_its_header()
    {
        var pipe = new Pipe();
        await pipe.WriteTensorAsync(TensorCodec.Create<float>("latent", new float[4], 4));
        RpcException error = await Assert.ThrowsAsync<RpcException>(
            () => pipe.ReadTensorAsync(new TensorSpec("latent", DataType.Float16, [4])));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("expected dtype FLOAT16, got FLOAT32", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Empty_stream_is_refused_when_a_tensor_was_expected()
    {
        RpcException error = await Assert.ThrowsAsync<RpcException>(
            () => new Pipe().ReadTensorAsync(new TensorSpec("image", DataType.Float32, [3])));
        Assert.Contains("expected tensor 'image', got the end of the stream", error.Status.Detail, StringComparison.Ordinal);
    }
}
