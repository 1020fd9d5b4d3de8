using System.Text.Json;

namespace EmuEdit.Model.Checkpoints;

/// <summary>tasks.json: the name of each task-table row, in row order.</summary>
internal static class TaskNamesFile
{
    private sealed record Contents(IReadOnlyList<string> Tasks);

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
    };

    public static void Save(string path, IReadOnlyList<string> names) =>
        File.WriteAllText(path, JsonSerializer.Serialize(new Contents(names), Options));

    public static IReadOnlyList<string> Load(string path)
    {
        Contents? contents;
        try
        {
            contents = JsonSerializer.Deserialize<Contents>(File.ReadAllText(path), Options);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not valid JSON: {e.Message}", e);
        }
        if (contents?.Tasks is not { Count: > 0 } names || names.Any(string.IsNullOrWhiteSpace))
            throw new InvalidDataException($"{path} must hold {{\"tasks\": [names...]}} with non-empty names.");
        return names;
    }
}
