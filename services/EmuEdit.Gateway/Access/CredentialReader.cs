using Grpc.Core;

namespace EmuEdit.Gateway.Access;

/// <summary>Finds the caller's key in the request headers: <c>authorization: Bearer KEY</c>, else <c>x-api-key: KEY</c>.</summary>
public static class CredentialReader
{
    public const string AuthorizationHeader = "authorization";
    public const string ApiKeyHeader = "x-api-key";
    public const string BearerScheme = "Bearer";

    /// <summary>The key sent, or null when the request carries none.</summary>
    public static string? Read(Metadata headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        string? authorization = headers.GetValue(AuthorizationHeader);
        if (!string.IsNullOrWhiteSpace(authorization))
        {
            string value = authorization.Trim();
            if (value.Length > BearerScheme.Length && value.StartsWith(BearerScheme, StringComparison.OrdinalIgnoreCase) && char.IsWhiteSpace(value[BearerScheme.Length]))
                return value[BearerScheme.Length..].Trim();
            return null;
        }
        string? apiKey = headers.GetValue(ApiKeyHeader);
        return string.IsNullOrWhiteSpace(apiKey) ? null : apiKey.Trim();
    }
}
