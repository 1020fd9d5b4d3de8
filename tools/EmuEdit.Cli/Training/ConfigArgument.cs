using EmuEdit.Model.Configuration;

namespace EmuEdit.Cli.Training;

internal static class ConfigArgument
{
    /// <summary>A preset name (ModelConfig.PresetNames: tiny, tiny-residual, tiny-minilm, large) or the path of a config JSON file.</summary>
    public static ModelConfig Resolve(string value) =>
        File.Exists(value) ? ModelConfig.Load(value)
        : ModelConfig.PresetNames.Contains(value, StringComparer.OrdinalIgnoreCase) ? ModelConfig.LoadPreset(value.ToLowerInvariant())
        : throw new ArgumentException($"--config '{value}' is neither a file nor a preset ({string.Join(", ", ModelConfig.PresetNames)})");
}
