using System.Text.Json;
using EmuEdit.Contracts.V1;
using Google.Protobuf.WellKnownTypes;

namespace EmuEdit.Gateway.Tasks;

/// <summary>
/// Reads what ListTasks shows from a registry entry's metadata JSON: <c>description</c>,
/// <c>exampleInstructions</c> (or <c>example_instructions</c>) and <c>createdAt</c> (or
/// <c>created_at</c>, ISO 8601). Anything else in it is for the workers; a malformed entry still lists
/// its name, since the task can still be used.
/// </summary>
public static class RegisteredTaskMetadata
{
    public static TaskInfo ToTaskInfo(string name, string metadataJson)
    {
        var info = new TaskInfo { Name = name, BuiltIn = false };
        try
        {
            using JsonDocument doc = JsonDocument.Parse(metadataJson);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return info;
            JsonElement root = doc.RootElement;
            if (TryGet(root, out JsonElement description, "description") && description.ValueKind == JsonValueKind.String)
                info.Description = description.GetString() ?? string.Empty;
            if (TryGet(root, out JsonElement examples, "exampleInstructions", "example_instructions") && examples.ValueKind == JsonValueKind.Array)
                info.ExampleInstructions.AddRange(examples.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!));
            if (TryGet(root, out JsonElement created, "createdAt", "created_at") && created.TryGetDateTimeOffset(out DateTimeOffset at))
                info.CreatedAt = Timestamp.FromDateTimeOffset(at);
        }
        catch (JsonException)
        {
            // TaskRegistryStore refuses invalid JSON on write; an older writer's entry still lists by name.
        }
        return info;
    }

    private static bool TryGet(JsonElement root, out JsonElement value, params string[] names)
    {
        foreach (string name in names)
        {
            if (root.TryGetProperty(name, out value)) return true;
        }
        value = default;
        return false;
    }
}
