using System.CommandLine;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;

namespace EmuEdit.Cli.Client;

/// <summary>A channel to the gateway whose calls carry the API key (docs/api.md, "Access").</summary>
internal sealed class GatewayConnection : IDisposable
{
    /// <summary>The environment variable the key is read from when --api-key is not given.</summary>
    public const string ApiKeyVariable = "EMUEDIT_API_KEY";

    private readonly GrpcChannel _channel;

    private GatewayConnection(GrpcChannel channel, CallInvoker calls)
    {
        _channel = channel;
        Calls = calls;
    }

    public CallInvoker Calls { get; }

    public static Option<string> GatewayOption() => new("--gateway")
    {
        Description = "The gateway's address, e.g. http://localhost:5180 (cleartext HTTP/2).",
        Required = true,
    };

    public static Option<string?> ApiKeyOption() => new("--api-key")
    {
        Description = $"The API key to send (client key to edit, admin key to register or delete tasks); default: ${ApiKeyVariable}.",
    };

    public static GatewayConnection Open(string gateway, string? apiKey)
    {
        if (!Uri.TryCreate(gateway, UriKind.Absolute, out Uri? address) || address.Scheme is not ("http" or "https"))
            throw new ArgumentException($"--gateway '{gateway}' is not an http:// or https:// address.");
        string? key = string.IsNullOrWhiteSpace(apiKey) ? Environment.GetEnvironmentVariable(ApiKeyVariable) : apiKey;
        // A registration carries many images: let the gateway's own limit decide.
        var channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions { MaxSendMessageSize = null });
        CallInvoker calls = string.IsNullOrWhiteSpace(key) ? channel.CreateCallInvoker() : channel.Intercept(headers =>
        {
            headers.Add("authorization", $"Bearer {key.Trim()}");
            return headers;
        });
        return new GatewayConnection(channel, calls);
    }

    public void Dispose() => _channel.Dispose();
}
