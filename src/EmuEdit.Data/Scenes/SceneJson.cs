using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace EmuEdit.Data.Scenes;

/// <summary>JSON form of scenes: camelCase, enums as lower-case strings, floats written round-trip exact.</summary>
public static class SceneJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static string Serialize(Scene scene) => JsonSerializer.Serialize(scene, Options);

    public static JsonNode ToNode(Scene scene) => JsonSerializer.SerializeToNode(scene, Options)!;

    public static Scene Deserialize(string json) =>
        JsonSerializer.Deserialize<Scene>(json, Options) ?? throw new JsonException("scene JSON is null");

    public static Scene FromNode(JsonNode node) =>
        node.Deserialize<Scene>(Options) ?? throw new JsonException("scene JSON is null");
}
