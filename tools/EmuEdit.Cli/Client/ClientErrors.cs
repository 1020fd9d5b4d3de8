using Grpc.Core;

namespace EmuEdit.Cli.Client;

/// <summary>A refused or failed call ends with the gateway's status and message on one line, not a stack trace.</summary>
internal static class ClientErrors
{
    public static async Task<int> Guarded(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled)
        {
            Console.Error.WriteLine($"cancelled: {e.Status.Detail}");
            return 130;
        }
        catch (RpcException e)
        {
            Console.Error.WriteLine($"error: {e.StatusCode}: {e.Status.Detail}");
            return 1;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("cancelled");
            return 130;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or HttpRequestException or ArgumentException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return CliErrors.UsageError;
        }
    }
}
