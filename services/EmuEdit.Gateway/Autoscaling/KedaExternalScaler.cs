using EmuEdit.Contracts.Keda;
using EmuEdit.Queue;
using Grpc.Core;
using StackExchange.Redis;

namespace EmuEdit.Gateway.Autoscaling;

/// <summary>
/// KEDA's external scaler (protos/keda/externalscaler.proto) on the gateway's gRPC port: a queue's demand is
/// its waiting jobs plus the jobs its workers hold (<see cref="QueueDemand"/>), so KEDA keeps as many workers
/// as the work in hand needs and never scales busy workers away just because the ready list is empty.
/// The queue is named by the trigger's metadata, so one gateway serves the edit and inversion queues alike.
/// </summary>
public sealed class KedaExternalScaler(IConnectionMultiplexer connection, JobQueueOptions queueOptions, ILogger<KedaExternalScaler> logger)
    : ExternalScaler.ExternalScalerBase
{
    /// <summary>How often StreamIsActive (the external-push trigger) re-reads the queue.</summary>
    public static readonly TimeSpan PushInterval = TimeSpan.FromSeconds(2);

    public override async Task<IsActiveResponse> IsActive(ScaledObjectRef request, ServerCallContext context)
    {
        var demand = await ReadAsync(Parse(request), context.CancellationToken);
        return new IsActiveResponse { Result = demand.Total > 0 };
    }

    /// <summary>For the <c>external-push</c> trigger: an answer now, then one whenever activity changes.</summary>
    public override async Task StreamIsActive(ScaledObjectRef request, IServerStreamWriter<IsActiveResponse> responseStream, ServerCallContext context)
    {
        var scaler = Parse(request);
        bool? last = null;
        using var timer = new PeriodicTimer(PushInterval);
        do
        {
            var active = (await ReadAsync(scaler, context.CancellationToken)).Total > 0;
            if (active != last) await responseStream.WriteAsync(new IsActiveResponse { Result = active }, context.CancellationToken);
            last = active;
        }
        while (await timer.WaitForNextTickAsync(context.CancellationToken));
    }

    public override Task<GetMetricSpecResponse> GetMetricSpec(ScaledObjectRef request, ServerCallContext context)
    {
        var scaler = Parse(request);
        var spec = new MetricSpec
        {
            MetricName = scaler.MetricName,
            TargetSizeFloat = scaler.JobsPerReplica,
            TargetSize = (long)Math.Ceiling(scaler.JobsPerReplica),
        };
        return Task.FromResult(new GetMetricSpecResponse { MetricSpecs = { spec } });
    }

    public override async Task<GetMetricsResponse> GetMetrics(GetMetricsRequest request, ServerCallContext context)
    {
        var scaler = Parse(request.ScaledObjectRef ?? new ScaledObjectRef());
        var demand = await ReadAsync(scaler, context.CancellationToken);
        return new GetMetricsResponse
        {
            MetricValues = { new MetricValue { MetricName = scaler.MetricName, MetricValue_ = demand.Total, MetricValueFloat = demand.Total } },
        };
    }

    private ScalerRequest Parse(ScaledObjectRef request) => ScalerRequest.Parse(request.ScalerMetadata, queueOptions.KeyPrefix);

    private async Task<QueueDemand> ReadAsync(ScalerRequest scaler, CancellationToken cancellationToken)
    {
        try
        {
            var demand = await QueueDemand.ReadAsync(connection, scaler.KeyPrefix, cancellationToken);
            logger.LogDebug("Queue {Prefix}: {Ready} ready, {InFlight} in flight", scaler.KeyPrefix, demand.Ready, demand.InFlight);
            return demand;
        }
        catch (RedisException error)
        {
            // KEDA counts failures and, past its threshold, holds the ScaledObject's fallback replicas.
            throw new RpcException(new Status(StatusCode.Unavailable, $"the queue server did not answer: {error.Message}"));
        }
    }
}
