using System.Text.Json;
using System.Text.Json.Serialization;
using EmuEdit.Model.Diffusion;

namespace EmuEdit.Model.Configuration;

/// <summary>
/// Every size of the model, bound from JSON. Nothing about the networks' shapes is a constant in code:
/// the shipped presets (<see cref="PresetNames"/>) and user files go through the same validation.
/// </summary>
public sealed record ModelConfig
{
    private const string PresetResourcePrefix = "EmuEdit.Model.Presets.";
    private const string PresetResourceSuffix = ".json";

    /// <summary>A label for logs and checkpoints (the preset name for shipped presets).</summary>
    public required string Name { get; init; }

    public required AutoencoderOptions Autoencoder { get; init; }

    public required TextEncoderOptions TextEncoder { get; init; }

    [JsonPropertyName("unet")] // camelCase would spell it "uNet"
    public required UNetOptions UNet { get; init; }

    public required TaskOptions Tasks { get; init; }

    /// <summary>
    /// The noise schedule and sampler defaults the weights were trained with. Optional (the
    /// defaults of <see cref="DiffusionOptions"/>) because it sizes no network.
    /// </summary>
    public DiffusionOptions Diffusion { get; init; } = new();

    /// <summary>Names of the presets shipped inside this assembly.</summary>
    public static IReadOnlyList<string> PresetNames { get; } = typeof(ModelConfig).Assembly
        .GetManifestResourceNames()
        .Where(n => n.StartsWith(PresetResourcePrefix, StringComparison.Ordinal) && n.EndsWith(PresetResourceSuffix, StringComparison.Ordinal))
        .Select(n => n[PresetResourcePrefix.Length..^PresetResourceSuffix.Length])
        .Order(StringComparer.Ordinal)
        .ToArray();

    /// <summary>Loads a shipped preset ("tiny" for CPUs, "large" for GPUs) and validates it.</summary>
    public static ModelConfig LoadPreset(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        using var stream = typeof(ModelConfig).Assembly.GetManifestResourceStream(PresetResourcePrefix + name + PresetResourceSuffix)
            ?? throw new ModelConfigException($"No model preset named '{name}'. Presets: {string.Join(", ", PresetNames)}.");
        return Parse(stream, $"preset '{name}'");
    }

    /// <summary>Loads a config file and validates it.</summary>
    public static ModelConfig Load(string path)
    {
        using var stream = File.OpenRead(path);
        return Parse(stream, path);
    }

    /// <summary>Parses config JSON and validates it; <paramref name="source"/> names it in error messages.</summary>
    public static ModelConfig Parse(Stream json, string source)
    {
        ModelConfig? config;
        try
        {
            config = JsonSerializer.Deserialize<ModelConfig>(json, ModelConfigJson.Options);
        }
        catch (JsonException e)
        {
            throw new ModelConfigException($"Model configuration {source} is not valid: {e.Message}", e);
        }
        if (config is null) throw new ModelConfigException($"Model configuration {source} is empty (null).");
        config.Validate(source);
        return config;
    }

    /// <summary>Parses config JSON text and validates it.</summary>
    public static ModelConfig Parse(string json, string source = "JSON text")
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json));
        return Parse(stream, source);
    }

    /// <summary>Writes this config as indented JSON, the format <see cref="Load"/> reads.</summary>
    public void Save(string path)
    {
        File.WriteAllText(path, ToJson());
    }

    public string ToJson() => JsonSerializer.Serialize(this, ModelConfigJson.Options);

    /// <summary>Throws <see cref="ModelConfigException"/> listing every inconsistency; <paramref name="source"/> names the config.</summary>
    public void Validate(string source = "in memory")
    {
        var problems = new ConfigProblems();
        problems.Require(Autoencoder is not null, "autoencoder section is missing");
        problems.Require(TextEncoder is not null, "textEncoder section is missing");
        problems.Require(UNet is not null, "unet section is missing");
        problems.Require(Tasks is not null, "tasks section is missing");
        problems.ThrowIfAny(source);

        Autoencoder!.Validate(problems);
        TextEncoder!.Validate(problems);
        Tasks!.Validate(problems);
        if (Autoencoder.DownFactor > 0) UNet!.Validate(problems, Autoencoder.LatentSize);
        try
        {
            (Diffusion ?? throw new ArgumentNullException(nameof(Diffusion), "diffusion section is null")).Validate();
        }
        catch (ArgumentException e)
        {
            problems.Require(false, "diffusion: " + e.Message);
        }
        problems.ThrowIfAny(source);
    }
}
