using System.Net;
using EmuEdit.Contracts.Tensors;
using EmuEdit.Contracts.V1;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EmuEdit.Contracts.Tests;

/// <summary>
/// The generated stubs and the tensor streams over a real HTTP/2 gRPC call: a tensor larger than
/// one message crosses in chunks both ways, and a receiver's INVALID_ARGUMENT reaches the caller.
/// </summary>
public sealed class TensorGrpcCallTests : IAsyncLifetime
{
    private const int LatentChannels = 4;
    private const int Downsampling = 2;
    private WebApplication? _app;
    private GrpcChannel? _channel;

    /// <summary>A stand-in autoencoder: "decodes" by nearest upsampling of the channel mean, enough to check shapes and bytes.</summary>
    private sealed class NearestVae : VaeService.VaeServiceBase
    {
        private static readonly TensorSpec Latent =
            new("latent", DataType.Float32, [TensorSpec.AnyDimension, LatentChannels, TensorSpec.AnyDimension, TensorSpec.AnyDimension]);

        public override async Task DecodeLatents(
            IAsyncStreamReader<TensorChunk> requestStream, IServerStreamWriter<TensorChunk> responseStream, ServerCallContext context)
        {
            Tensor latent = await requestStream.ReadTensorAsync(Latent, cancellationToken: context.CancellationToken);
            float[] values = TensorCodec.ToArray<float>(latent);
            (int batch, int h, int w) = ((int)latent.Shape[0], (int)latent.Shape[2], (int)latent.Shape[3]);
            int outH = h * Downsampling, outW = w * Downsampling;
            float[] image = new float[batch * 3 * outH * outW];
            for (int b = 0; b < batch; b++)
            for (int c = 0; c < 3; c++)
            for (int y = 0; y < outH; y++)
            for (int x = 0; x < outW; x++)
            {
                float sum = 0;
                for (int k = 0; k < LatentChannels; k++)
                {
                    sum += values[(((b * LatentChannels) + k) * h + (y / Downsampling)) * w + (x / Downsampling)];
                }
                image[(((b * 3) + c) * outH + y) * outW + x] = sum / LatentChannels;
            }
            await responseStream.WriteTensorAsync(
                TensorCodec.Create<float>("image", image, batch, 3, outH, outW), cancellationToken: context.CancellationToken);
        }

        public override Task<VaeInfo> GetVaeInfo(GetVaeInfoRequest request, ServerCallContext context) =>
            Task.FromResult(new VaeInfo { LatentChannels = LatentChannels, DownsamplingFactor = Downsampling, Dtype = DataType.Float32, ModelVersion = "test" });
    }

    public async Task InitializeAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        _app = builder.Build();
        _app.MapGrpcService<NearestVae>();
        await _app.StartAsync();
        string address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _channel = GrpcChannel.ForAddress(address);
    }

    public async Task DisposeAsync()
    {
        _channel?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private VaeService.VaeServiceClient Client => new(_channel!);

    [Fact]
    public async Task A_tensor_over_a_megabyte_crosses_a_call_in_chunks_both_ways()
    {
        const int batch = 2, h = 192, w = 192; // 2 x 4 x 192 x 192 float32 = 1.125 MiB; the image back is 3.375 MiB
        float[] latent = [.. Enumerable.Range(0, batch * LatentChannels * h * w).Select(i => (i % 97) / 97f)];
        var limits = new TensorLimits { ChunkBytes = 256 * 1024 };

        using AsyncDuplexStreamingCall<TensorChunk, TensorChunk> call = Client.DecodeLatents();
        await call.RequestStream.WriteTensorAsync(TensorCodec.Create<float>("latent", latent, batch, LatentChannels, h, w), limits);
        await call.RequestStream.CompleteAsync();
        Tensor image = await call.ResponseStream.ReadTensorAsync(
            new TensorSpec("image", DataType.Float32, [batch, 3, h * Downsampling, w * Downsampling]));

        float[] pixels = TensorCodec.ToArray<float>(image);
        float expected = Enumerable.Range(0, LatentChannels).Average(k => latent[k * h * w]);
        Assert.Equal(expected, pixels[0], 5);
        Assert.Equal(LatentChannels, (await Client.GetVaeInfoAsync(new GetVaeInfoRequest())).LatentChannels);
    }

    [Fact]
    public async Task Chunks_out_of_order_end_the_call_with_invalid_argument_and_the_reason()
    {
        List<TensorChunk> chunks = [.. TensorChunker.Split(
            TensorCodec.Create<float>("latent", new float[LatentChannels * 64 * 64], 1, LatentChannels, 64, 64), chunkBytes: 4096)];
        (chunks[1], chunks[2]) = (chunks[2], chunks[1]);

        using AsyncDuplexStreamingCall<TensorChunk, TensorChunk> call = Client.DecodeLatents();
        await SendIgnoringEarlyEndAsync(call, async () =>
        {
            foreach (TensorChunk chunk in chunks)
            {
                await call.RequestStream.WriteAsync(chunk);
            }
        });
        RpcException error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("tensor 'latent': expected chunk 1, got chunk 2", error.Status.Detail);
    }

    [Fact]
    public async Task A_wrong_tensor_is_refused_at_its_header()
    {
        using AsyncDuplexStreamingCall<TensorChunk, TensorChunk> call = Client.DecodeLatents();
        await SendIgnoringEarlyEndAsync(call, () =>
            call.RequestStream.WriteTensorAsync(TensorCodec.Create<Half>("latent", new Half[3 * 8 * 8], 1, 3, 8, 8)));
        RpcException error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("tensor 'latent': expected dtype FLOAT32, got FLOAT16", error.Status.Detail);
    }

    /// <summary>
    /// The server may refuse the stream and end the call while chunks are still being written; the
    /// writes then fail with whatever the transport says. The call's real status comes from the response.
    /// </summary>
    private static async Task SendIgnoringEarlyEndAsync(AsyncDuplexStreamingCall<TensorChunk, TensorChunk> call, Func<Task> send)
    {
        try
        {
            await send();
            await call.RequestStream.CompleteAsync();
        }
        catch (Exception error) when (error is RpcException or InvalidOperationException)
        {
            // Ended early by the server: expected here.
        }
    }
}
