using Grpc.Core;

namespace EmuEdit.Gateway.Validation;

/// <summary>The statuses a request can earn, each with a message saying what was wrong (docs/api.md, "Status codes").</summary>
public static class RequestErrors
{
    public static RpcException InvalidArgument(string message) => new(new Status(StatusCode.InvalidArgument, message));

    public static RpcException NotFound(string message) => new(new Status(StatusCode.NotFound, message));

    public static RpcException AlreadyExists(string message) => new(new Status(StatusCode.AlreadyExists, message));

    public static RpcException FailedPrecondition(string message) => new(new Status(StatusCode.FailedPrecondition, message));

    public static RpcException ResourceExhausted(string message) => new(new Status(StatusCode.ResourceExhausted, message));

    public static RpcException Unavailable(string message) => new(new Status(StatusCode.Unavailable, message));

    public static RpcException Aborted(string message) => new(new Status(StatusCode.Aborted, message));

    public static RpcException Cancelled(string message) => new(new Status(StatusCode.Cancelled, message));

    public static RpcException Internal(string message) => new(new Status(StatusCode.Internal, message));

    /// <summary>Ids are opaque to clients, but an empty one is always a client mistake.</summary>
    public static string RequireId(string? id, string field)
    {
        if (string.IsNullOrWhiteSpace(id)) throw InvalidArgument($"{field} is empty.");
        return id;
    }
}
