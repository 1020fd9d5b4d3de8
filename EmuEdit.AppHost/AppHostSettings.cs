using Microsoft.Extensions.Configuration;

namespace EmuEdit.AppHost;

/// <summary>
/// What the composition can be told (section "EmuEdit", from appsettings.json, environment variables
/// EmuEdit__X or arguments --EmuEdit:X=...); the model folder also answers to Model:Directory, the
/// name every service uses.
/// </summary>
public sealed class AppHostSettings
{
    public const string SectionName = "EmuEdit";

    /// <summary>The model folder every model service loads; default: models/default in the repository.</summary>
    public string? ModelDirectory { get; set; }

    /// <summary>Diffusion worker processes.</summary>
    public int WorkerReplicas { get; set; } = 1;

    /// <summary>Inversion processes (each learns one registration at a time).</summary>
    public int InversionReplicas { get; set; } = 1;

    /// <summary>
    /// LibTorch threads of the text-encoder and vae-decoder processes (EMUEDIT_TORCH_THREADS); unset: one per
    /// core. On one small machine their encodings run beside the worker's sampling, and every process taking
    /// every core oversubscribes them (bench/pipeline.md); on Kubernetes each pod's limit decides instead.
    /// </summary>
    public int? ModelServiceTorchThreads { get; set; }

    public static AppHostSettings Read(IConfiguration configuration, string appHostDirectory)
    {
        var settings = configuration.GetSection(SectionName).Get<AppHostSettings>() ?? new AppHostSettings();
        settings.ModelDirectory = Path.GetFullPath(
            configuration["Model:Directory"] ?? settings.ModelDirectory ?? Path.Combine(appHostDirectory, "..", "models", "default"));
        if (settings.WorkerReplicas < 1)
            throw new ArgumentException($"EmuEdit:WorkerReplicas must be at least 1, got {settings.WorkerReplicas}.");
        if (settings.InversionReplicas < 1)
            throw new ArgumentException($"EmuEdit:InversionReplicas must be at least 1, got {settings.InversionReplicas}.");
        if (settings.ModelServiceTorchThreads < 1)
            throw new ArgumentException($"EmuEdit:ModelServiceTorchThreads must be at least 1 when set, got {settings.ModelServiceTorchThreads}.");
        return settings;
    }
}
