using Grpc.Core;

namespace EmuEdit.Contracts.Tensors;

/// <summary>
/// Every malformed tensor is the sender's fault, so receivers answer INVALID_ARGUMENT with a message
/// that says what was expected and what came, which is what a caller needs to fix its request.
/// </summary>
public static class TensorErrors
{
    public static RpcException Invalid(string message) =>
        new(new Status(StatusCode.InvalidArgument, message));

    internal static string Describe(string name) => name.Length == 0 ? "tensor" : $"tensor '{name}'";

    internal static string Shape(IEnumerable<long> shape) => "[" + string.Join(",", shape) + "]";
}
