using EmuEdit.Gateway.Validation;
using EmuEdit.Queue;
using Grpc.Core;
using Grpc.Core.Interceptors;
using StackExchange.Redis;

namespace EmuEdit.Gateway.Hosting;

/// <summary>
/// Gives the failures that are not the request's fault their documented status: a full queue (or a queue
/// server out of memory) is RESOURCE_EXHAUSTED (back off), an unreachable or restarting queue server is
/// UNAVAILABLE (safe to retry).
/// </summary>
public sealed class ErrorStatusInterceptor(ILogger<ErrorStatusInterceptor> logger) : Interceptor
{
    /// <summary>Server replies that pass by themselves: a restart loading its data, a replica during failover, a busy script, a cluster move.</summary>
    private static readonly string[] TransientServerErrors = ["LOADING", "READONLY", "MASTERDOWN", "BUSY", "TRYAGAIN", "CLUSTERDOWN"];

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
            case Exception when QueueFailures.IsOutOfMemory(error):
                logger.LogWarning(error, "The queue server is out of memory during {Method}", context.Method);
                return RequestErrors.ResourceExhausted("The queue server is out of memory; retry later, when results have expired.");
            case RedisServerException server when !TransientServerErrors.Any(p => server.Message.StartsWith(p, StringComparison.Ordinal)):
                // A refusal that will repeat (a wrong type, a script error) is the server's fault, not a blip.
                return null;
            case Exception when QueueFailures.IsTransient(error):
                // Unreachable, timed out, restarting (LOADING), failing over (READONLY), or a race the store says to retry.
                logger.LogWarning(error, "The queue server did not answer during {Method}", context.Method);
                return RequestErrors.Unavailable("The queue server cannot be reached right now; retry (SubmitEdit with the same idempotency_key is safe).");
            default:
                return null;
        }
    }
}
