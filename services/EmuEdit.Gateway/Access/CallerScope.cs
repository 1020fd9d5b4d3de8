using Grpc.Core;

namespace EmuEdit.Gateway.Access;

/// <summary>
/// Which caller made a call, as far as state kept per caller needs it: idempotency keys are the caller's
/// own, so one client's "retry-1" never names another client's edit. The <see cref="AccessInterceptor"/>
/// records it; it is a digest of the caller's key, never the key.
/// </summary>
public static class CallerScope
{
    private const string UserStateKey = "emuedit.caller";

    /// <summary>The one scope of every call when access control is off: there is no caller to tell apart.</summary>
    public const string Open = "open";

    internal static void Set(ServerCallContext context, string caller) => context.UserState[UserStateKey] = caller;

    /// <summary>The caller of <paramref name="context"/>; <see cref="Open"/> for calls the interceptor did not see.</summary>
    public static string Of(ServerCallContext context) =>
        context.UserState.TryGetValue(UserStateKey, out object? caller) && caller is string name ? name : Open;

    /// <summary><paramref name="key"/> in the caller's own key space.</summary>
    public static string Scoped(ServerCallContext context, string key) => $"{Of(context)}/{key}";
}
