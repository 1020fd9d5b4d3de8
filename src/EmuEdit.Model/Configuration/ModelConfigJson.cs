using System.Text.Json;
using System.Text.Json.Serialization;

namespace EmuEdit.Model.Configuration;

/// <summary>The one JSON dialect of model configs: camelCase, enums as strings, unknown fields rejected (a typo must not silently fall back).</summary>
internal static class ModelConfigJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
