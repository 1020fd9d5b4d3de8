using EmuEdit.Gateway.Validation;
using EmuEdit.Queue;
using Grpc.Core;
using Grpc.Core.Interceptors;
using StackExchange.Redis;

namespace EmuEdit.Gateway.Hosting;

/// <summary>
/// Gives the failures that are not the request's fault their documented status: a full queue is
/// RESOURCE_EXHAUSTED (back off), an unreachable queue server is UNAVAILABLE (safe to retry).
/// </summary>
public sealed class ErrorStatusInterceptor(ILogger<ErrorStatusInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context).ConfigureAwait(false);
        }
        catch (Exception e) when (Translate(e, context) is { } status)
        {
            throw status;
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context).ConfigureAwait(false);
        }
        catch (Exception e) when (Translate(e, context) is { } status)
        {
            throw status;
        }
    }

    private RpcException? Translate(Exception error, ServerCallContext context)
    {
        switch (error)
        {
            case QueueFullException full:
                return RequestErrors.ResourceExhausted(full.Message);
            case TaskRegistryContentionException contention:
                return RequestErrors.Aborted(contention.Message);
            case RedisConnectionException or RedisTimeoutException:
                logger.LogWarning(error, "The queue server could not be reached during {Method}", context.Method);
                return RequestErrors.Unavailable("The queue server cannot be reached right now; retry (SubmitEdit with the same idempotency_key is safe).");
            default:
                return null;
        }
    }
}
