using EmuEdit.Contracts.Keda;
using EmuEdit.Gateway.Autoscaling;
using EmuEdit.Queue;
using Grpc.Core;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace EmuEdit.Gateway.Tests;

/// <summary>The gateway's KEDA external scaler over a real queue: what KEDA would read for each trigger.</summary>
public sealed class KedaExternalScalerTests : IAsyncLifetime
{
    private readonly string _prefix = $"emuedit-scaler-{Guid.NewGuid():N}:";
    private EmbeddedQueueServer? _server;

    private ConnectionMultiplexer Connection => _server!.Connection;

    public async Task InitializeAsync() => _server = await EmbeddedQueueServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }

    private JobQueueOptions QueueOptions => new() { KeyPrefix = _prefix };

    private KedaExternalScaler Scaler() => new(Connection, QueueOptions, NullLogger<KedaExternalScaler>.Instance);

    private static ScaledObjectRef Trigger(params (string Key, string Value)[] metadata)
    {
        var trigger = new ScaledObjectRef { Name = "diffusion-worker", Namespace = "emuedit" };
        foreach (var (key, value) in metadata) trigger.ScalerMetadata[key] = value;
        return trigger;
    }

    [Fact]
    public async Task Reports_waiting_plus_held_jobs_against_the_per_replica_target()
    {
        var queue = new JobQueue(Connection, QueueOptions);
        for (var i = 0; i < 5; i++) await queue.EnqueueAsync(new byte[] { (byte)i });
        await using var worker = new JobConsumer(Connection, QueueOptions, "busy");
        await worker.TryDequeueAsync();
        await worker.TryDequeueAsync();
        var trigger = Trigger(("keyPrefix", _prefix), ("jobsPerReplica", "2"));
        var context = new FakeCallContext("/externalscaler.ExternalScaler/GetMetrics");

        var spec = Assert.Single((await Scaler().GetMetricSpec(trigger, context)).MetricSpecs);
        Assert.Equal((2.0, 2L), (spec.TargetSizeFloat, spec.TargetSize));
        var value = Assert.Single((await Scaler().GetMetrics(new GetMetricsRequest { ScaledObjectRef = trigger, MetricName = spec.MetricName }, context)).MetricValues);
        // 3 waiting + 2 held: KEDA asks for ceil(5 / 2) = 3 replicas, though the ready list alone says 3 / 2.
        Assert.Equal((spec.MetricName, 5L, 5.0), (value.MetricName, value.MetricValue_, value.MetricValueFloat));
        Assert.True((await Scaler().IsActive(trigger, context)).Result);

        // Another queue (the inversion's prefix) is empty: inactive, so KEDA may scale its target to zero.
        var other = Trigger(("keyPrefix", _prefix + "inversion:"));
        Assert.False((await Scaler().IsActive(other, context)).Result);
        Assert.NotEqual(spec.MetricName, Assert.Single((await Scaler().GetMetricSpec(other, context)).MetricSpecs).MetricName);
    }

    [Fact]
    public async Task Held_jobs_alone_keep_the_target_active()
    {
        var queue = new JobQueue(Connection, QueueOptions);
        await queue.EnqueueAsync(new byte[] { 1 });
        await using var worker = new JobConsumer(Connection, QueueOptions, "only");
        await worker.TryDequeueAsync();
        Assert.Equal(0, await queue.GetReadyLengthAsync());
        Assert.True((await Scaler().IsActive(Trigger(), new FakeCallContext("/externalscaler.ExternalScaler/IsActive"))).Result);
    }

    [Theory]
    [InlineData("keyPrefix", "emuedit")]
    [InlineData("keyPrefix", "emu edit:")]
    [InlineData("jobsPerReplica", "0")]
    [InlineData("jobsPerReplica", "-1")]
    [InlineData("jobsPerReplica", "four")]
    public async Task Malformed_trigger_metadata_is_invalid_argument(string key, string value)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Scaler().GetMetricSpec(Trigger((key, value)), new FakeCallContext("/x")));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains(key, error.Status.Detail, StringComparison.Ordinal);
    }
}
