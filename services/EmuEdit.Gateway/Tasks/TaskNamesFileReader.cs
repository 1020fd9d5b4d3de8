using System.Text.Json;

namespace EmuEdit.Gateway.Tasks;

/// <summary>
/// Reads the model folder's tasks.json ({"tasks": [names in task-table order]}), the format
/// EmuEdit.Model's checkpoints write. Read here rather than through EmuEdit.Model so the gateway
/// does not carry LibTorch.
/// </summary>
public static class TaskNamesFileReader
{
    private sealed record Contents(IReadOnlyList<string>? Tasks);

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static IReadOnlyList<string> Load(string path)
    {
        Contents? contents;
        try
        {
            contents = JsonSerializer.Deserialize<Contents>(File.ReadAllText(path), Json);
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
