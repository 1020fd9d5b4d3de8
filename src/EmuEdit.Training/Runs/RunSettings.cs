using System.Text.Json;
using EmuEdit.Model.Configuration;

namespace EmuEdit.Training.Runs;

/// <summary>
/// The settings a run was started with, stored in its state folder (config.json + run.json) so that a
/// resume trains the same model on the same data order whatever flags it is given.
/// </summary>
public static class RunSettings
{
    private const string ConfigFile = "config.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static void Save<TOptions>(string stateFolder, ModelConfig config, TOptions options)
    {
        config.Save(Path.Combine(stateFolder, ConfigFile));
        File.WriteAllText(Path.Combine(stateFolder, RunStateFiles.Settings), JsonSerializer.Serialize(options, Json));
    }

    public static (ModelConfig Config, TOptions Options) Load<TOptions>(string stateFolder)
    {
        var config = ModelConfig.Load(Path.Combine(stateFolder, ConfigFile));
        var options = JsonSerializer.Deserialize<TOptions>(File.ReadAllText(Path.Combine(stateFolder, RunStateFiles.Settings)), Json)
            ?? throw new InvalidDataException($"{stateFolder}/{RunStateFiles.Settings} is empty");
        return (config, options);
    }

    /// <summary>Human-readable notes for requested values that a resume replaces by the stored ones.</summary>
    public static IReadOnlyList<string> Differences<TOptions>(TOptions stored, TOptions requested, IReadOnlySet<string> adjustable)
    {
        var notes = new List<string>();
        foreach (var property in typeof(TOptions).GetProperties())
        {
            if (adjustable.Contains(property.Name)) continue;
            var a = property.GetValue(stored);
            var b = property.GetValue(requested);
            if (!Equals(a, b)) notes.Add($"{property.Name}: the run was started with {a}; the requested {b} is ignored on resume");
        }
        return notes;
    }
}
