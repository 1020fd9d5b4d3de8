using EmuEdit.Pipeline.Imaging;
using Google.Protobuf;
using Grpc.Core;

namespace EmuEdit.DiffusionWorker;

/// <summary>Which failures another attempt could fix: not a malformed payload or a request the model cannot serve.</summary>
internal static class JobFailures
{
    public static bool IsRetryable(Exception error) => error switch
    {
        InvalidProtocolBufferException => false,
        InvalidEditException => false,
        RpcException { StatusCode: StatusCode.InvalidArgument } => false,
        _ => true,
    };
}
