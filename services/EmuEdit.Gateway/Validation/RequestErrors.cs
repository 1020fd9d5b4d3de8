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

    /// <summary>
    /// The longest id the gateway reads. Its own ids are 32 characters; a longer one names nothing, and echoing
    /// it back whole in a status message could overflow the client's header limit (64 KiB in grpc-dotnet).
    /// </summary>
    public const int MaxIdLength = 128;

    /// <summary>The longest part of a client's value a message repeats.</summary>
    private const int MaxEcho = 80;

    /// <summary>Ids are opaque to clients, but an empty or overlong one is always a client mistake.</summary>
    public static string RequireId(string? id, string field)
    {
        if (string.IsNullOrWhiteSpace(id)) throw InvalidArgument($"{field} is empty.");
        if (id.Length > MaxIdLength) throw InvalidArgument($"{field} is {id.Length} characters; ids are at most {MaxIdLength}.");
        return id;
    }

    /// <summary><paramref name="value"/> as a message may quote it: cut short when long, as status messages travel in a header.</summary>
    public static string Echo(string value) => value.Length <= MaxEcho ? value : string.Concat(value.AsSpan(0, MaxEcho), $"… ({value.Length} characters)");
}
