using System.Globalization;
using Grpc.Core;

namespace EmuEdit.Gateway.Autoscaling;

/// <summary>
/// What a KEDA <c>external</c> trigger asks about, from its metadata: <c>keyPrefix</c> (the queue; default the
/// gateway's Queue:KeyPrefix) and <c>jobsPerReplica</c> (the per-replica target; default 1).
/// </summary>
public sealed record ScalerRequest(string KeyPrefix, double JobsPerReplica)
{
    public const string KeyPrefixKey = "keyPrefix";
    public const string JobsPerReplicaKey = "jobsPerReplica";

    // Queue prefixes are short names ending in ':' (emuedit:, emuedit:inversion:); anything else is a typo.
    private const int MaxPrefixLength = 64;

    /// <summary>Reads the trigger metadata; a malformed value is INVALID_ARGUMENT, which KEDA reports on the ScaledObject.</summary>
    public static ScalerRequest Parse(IReadOnlyDictionary<string, string> metadata, string defaultKeyPrefix)
    {
        var prefix = metadata.TryGetValue(KeyPrefixKey, out var p) && !string.IsNullOrWhiteSpace(p) ? p.Trim() : defaultKeyPrefix;
        if (prefix.Length > MaxPrefixLength || !prefix.EndsWith(':') || prefix.Any(char.IsWhiteSpace))
            throw Invalid($"{KeyPrefixKey} must be a queue key prefix ending in ':' of at most {MaxPrefixLength} characters, not \"{prefix}\"");
        var perReplica = 1.0;
        if (metadata.TryGetValue(JobsPerReplicaKey, out var text)
            && (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out perReplica) || !(perReplica > 0) || double.IsInfinity(perReplica)))
            throw Invalid($"{JobsPerReplicaKey} must be a positive number, not \"{text}\"");
        return new ScalerRequest(prefix, perReplica);
    }

    /// <summary>The metric's name: one per queue, so KEDA's metric cache never mixes two queues.</summary>
    public string MetricName => "emuedit-queue-demand-" + KeyPrefix.TrimEnd(':').Replace(':', '-');

    private static RpcException Invalid(string message) => new(new Status(StatusCode.InvalidArgument, message));
}
