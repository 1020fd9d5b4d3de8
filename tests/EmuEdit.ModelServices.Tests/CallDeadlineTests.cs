using System.Diagnostics;
using EmuEdit.Contracts.V1;
using EmuEdit.Pipeline.Remote;
using EmuEdit.Pipeline.Tests.Support;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using static TorchSharp.torch;

namespace EmuEdit.ModelServices.Tests;

/// <summary>A model service that never answers: calls through the deadline interceptor end, over real HTTP/2 gRPC.</summary>
public sealed class CallDeadlineTests : IAsyncLifetime
{
    private ServiceHost _host = null!;
    private GrpcChannel _channel = null!;

    /// <summary>Reads the request and then waits until the call is over.</summary>
    private sealed class HangingVae : VaeService.VaeServiceBase
    {
        public override async Task DecodeLatents(IAsyncStreamReader<TensorChunk> requestStream, IServerStreamWriter<TensorChunk> responseStream, ServerCallContext context)
        {
            while (await requestStream.MoveNext(context.CancellationToken)) { }
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
        }

        public override async Task<VaeInfo> GetVaeInfo(GetVaeInfoRequest request, ServerCallContext context)
        {
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
            return new VaeInfo();
        }
    }

    public async Task InitializeAsync()
    {
        _host = await ServiceHost.StartAsync(b => b.Services.AddGrpc(), a => a.MapGrpcService<HangingVae>(), new Dictionary<string, string?>());
        _channel = GrpcChannel.ForAddress(_host.Address);
    }

    public async Task DisposeAsync()
    {
        _channel.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task A_call_without_a_deadline_gets_one_and_ends_with_DEADLINE_EXCEEDED()
    {
        var codec = new GrpcLatentCodec(new VaeService.VaeServiceClient(_channel.Intercept(new CallDeadlineInterceptor(TimeSpan.FromMilliseconds(300)))));
        using var latents = zeros(1, 4, 8, 8);
        var waited = Stopwatch.StartNew();
        // Bounded here too, so a regression fails instead of hanging the run.
        var error = await Assert.ThrowsAsync<RpcException>(() => codec.DecodeAsync(latents).WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), $"the call took {waited.Elapsed}");
    }

    [Fact]
    public async Task A_deadline_the_caller_set_is_kept()
    {
        // The interceptor's own deadline is an hour away: only the caller's can end this call.
        var client = new VaeService.VaeServiceClient(_channel.Intercept(new CallDeadlineInterceptor(TimeSpan.FromHours(1))));
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await client.GetVaeInfoAsync(new GetVaeInfoRequest(), deadline: DateTime.UtcNow.AddMilliseconds(300)).ResponseAsync.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
    }

    [Fact]
    public void The_timeout_must_be_positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new CallDeadlineInterceptor(TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ModelServicesOptions { CallTimeout = TimeSpan.FromSeconds(-1) }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new ModelServicesOptions { CheckRetryDelay = TimeSpan.Zero }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new ModelServicesOptions { CheckRetryMaxDelay = TimeSpan.FromMilliseconds(1) }.Validate());
    }
}
