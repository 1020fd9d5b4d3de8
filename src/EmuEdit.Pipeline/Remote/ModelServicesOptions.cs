using EmuEdit.Pipeline.Serving;
using Microsoft.Extensions.Configuration;

namespace EmuEdit.Pipeline.Remote;

/// <summary>
/// Addresses of the model services (section "ModelServices"). Unset ones come from the service-discovery
/// keys Aspire injects for a reference (services:NAME:http:0), so the same worker runs under the AppHost,
/// on Kubernetes with explicit addresses, and in tests.
/// </summary>
public sealed class ModelServicesOptions
{
    public const string SectionName = "ModelServices";

    public Uri? TaskPredictor { get; set; }

    public Uri? TextEncoder { get; set; }

    public Uri? VaeDecoder { get; set; }

    /// <summary>
    /// The deadline of each call to a model service (encoding a batch of instructions, decoding a batch of latents).
    /// Generous: it exists to end calls to a service that hangs, not to bound a slow one.
    /// </summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// First pause between two tries of the start check (<see cref="Serving.ModelServicesCheck"/>) while the
    /// vae-decoder does not answer; it doubles up to <see cref="CheckRetryMaxDelay"/>. A host takes no job
    /// before the check passes.
    /// </summary>
    public TimeSpan CheckRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest pause between two tries of the start check.</summary>
    public TimeSpan CheckRetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Throws when a value is out of range, naming the option.</summary>
    public void Validate()
    {
        if (CheckRetryDelay <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(CheckRetryDelay), CheckRetryDelay, $"{SectionName}:CheckRetryDelay must be positive");
        if (CheckRetryMaxDelay < CheckRetryDelay)
            throw new ArgumentOutOfRangeException(nameof(CheckRetryMaxDelay), CheckRetryMaxDelay, $"{SectionName}:CheckRetryMaxDelay must be at least CheckRetryDelay");
        if (CallTimeout <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(CallTimeout), CallTimeout, $"{SectionName}:CallTimeout must be positive");
    }

    public Uri TaskPredictorAddress(IConfiguration configuration) => Resolve(configuration, TaskPredictor, nameof(TaskPredictor), ServiceNames.TaskPredictor);

    public Uri TextEncoderAddress(IConfiguration configuration) => Resolve(configuration, TextEncoder, nameof(TextEncoder), ServiceNames.TextEncoder);

    public Uri VaeDecoderAddress(IConfiguration configuration) => Resolve(configuration, VaeDecoder, nameof(VaeDecoder), ServiceNames.VaeDecoder);

    private static Uri Resolve(IConfiguration configuration, Uri? configured, string key, string serviceName)
    {
        if (configured is not null) return configured;
        var discovered = configuration[$"services:{serviceName}:http:0"];
        if (Uri.TryCreate(discovered, UriKind.Absolute, out var uri)) return uri;
        throw new InvalidOperationException(
            $"No address for {serviceName}: set {SectionName}:{key} or reference the service from the AppHost (services:{serviceName}:http:0).");
    }
}
