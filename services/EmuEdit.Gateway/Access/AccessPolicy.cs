using System.Security.Cryptography;
using System.Text;
using Grpc.Core;

namespace EmuEdit.Gateway.Access;

/// <summary>
/// Decides whether a credential may make a call needing a role: UNAUTHENTICATED when it is missing or
/// unknown, PERMISSION_DENIED when it is a client key on an admin call. Keys are compared as SHA-256
/// digests in constant time, so response timing says nothing about how much of a guess was right.
/// </summary>
public sealed class AccessPolicy
{
    private readonly bool _enabled;
    private readonly byte[][] _clients;
    private readonly byte[][] _admins;

    public AccessPolicy(AccessOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _enabled = options.Enabled;
        _clients = [.. options.ClientKeys.Select(Digest)];
        _admins = [.. options.AdminKeys.Select(Digest)];
    }

    /// <summary>The role <paramref name="credential"/> holds; throws the status a caller without <paramref name="required"/> gets.</summary>
    public AccessRole Authorize(string? credential, AccessRole required) => Admit(credential, required).Role;

    /// <summary>
    /// <see cref="Authorize"/>, and the caller for state kept per caller: a hex prefix of the key's SHA-256 (128 bits,
    /// so two keys never share it by chance), or <see cref="CallerScope.Open"/> with access off. One digest serves both.
    /// </summary>
    public (AccessRole Role, string Caller) Admit(string? credential, AccessRole required)
    {
        if (!_enabled) return (AccessRole.Admin, CallerScope.Open);
        if (string.IsNullOrEmpty(credential))
            throw new RpcException(new Status(StatusCode.Unauthenticated,
                $"No credential: send '{CredentialReader.AuthorizationHeader}: {CredentialReader.BearerScheme} <key>' or '{CredentialReader.ApiKeyHeader}: <key>'."));
        byte[] digest = Digest(credential);
        // Every key is compared, found or not, so the time taken does not depend on which list holds it.
        bool admin = Matches(_admins, digest);
        bool client = Matches(_clients, digest);
        if (!admin && !client) throw new RpcException(new Status(StatusCode.Unauthenticated, "The credential is not a valid API key."));
        if (required == AccessRole.Admin && !admin)
            throw new RpcException(new Status(StatusCode.PermissionDenied, "This call needs an admin key; a client key may only edit and list tasks."));
        return (admin ? AccessRole.Admin : AccessRole.Client, Convert.ToHexStringLower(digest.AsSpan(0, CallerDigestBytes)));
    }

    private const int CallerDigestBytes = 16;

    private static bool Matches(byte[][] keys, byte[] digest)
    {
        bool found = false;
        foreach (byte[] key in keys) found |= CryptographicOperations.FixedTimeEquals(key, digest);
        return found;
    }

    private static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
