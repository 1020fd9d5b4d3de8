using Grpc.Core;
using Grpc.Core.Interceptors;

namespace EmuEdit.Gateway.Access;

/// <summary>
/// Checks the caller's credential before a call reaches its service. Added per service (EditingService needs
/// <see cref="AccessRole.Client"/>, TaskService <see cref="AccessRole.Admin"/>), so health checks and
/// reflection stay open to the orchestrator's probes. An admitted call learns its caller (<see cref="CallerScope"/>).
/// </summary>
public sealed class AccessInterceptor(AccessPolicy policy, AccessRole required) : Interceptor
{
    private void Admit(ServerCallContext context)
    {
        CallerScope.Set(context, policy.Admit(CredentialReader.Read(context.RequestHeaders), required).Caller);
    }

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Admit(context);
        return continuation(request, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Admit(context);
        return continuation(request, responseStream, context);
    }
}
