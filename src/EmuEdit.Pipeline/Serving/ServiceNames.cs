namespace EmuEdit.Pipeline.Serving;

/// <summary>
/// The product card's service names: Aspire resource names, service-discovery names (services:NAME:http:0)
/// and what the services report in telemetry.
/// </summary>
public static class ServiceNames
{
    public const string Gateway = "gateway";
    public const string TaskPredictor = "task-predictor";
    public const string TextEncoder = "text-encoder";
    public const string VaeDecoder = "vae-decoder";
    public const string DiffusionWorker = "diffusion-worker";
    public const string Inversion = "inversion";
}
