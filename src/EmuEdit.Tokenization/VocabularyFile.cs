using System.Text.Json;
using System.Text.Json.Serialization;

namespace EmuEdit.Tokenization;

/// <summary>
/// vocab.json: the kept GPT-2 ids in compact-id order, with the reserved ids and a format tag so a file
/// from another tokenizer (or a future layout) is refused instead of silently mapping words wrongly.
/// </summary>
internal static class VocabularyFile
{
    private const string FormatName = "emuedit-instruction-vocab";
    private const int FormatVersion = 1;
    private static readonly SpecialIds Reserved = new(SpecialTokens.Pad, SpecialTokens.Unknown, SpecialTokens.EndOfText);

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = false,
    };

    public static void Save(string path, int[] gpt2Ids) =>
        File.WriteAllText(path, JsonSerializer.Serialize(new Contents(FormatName, FormatVersion, "gpt2", Reserved, gpt2Ids), JsonOptions));

    public static int[] Load(string path)
    {
        Contents? file;
        try
        {
            file = JsonSerializer.Deserialize<Contents>(File.ReadAllText(path), JsonOptions);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Vocabulary {path} is not valid JSON: {e.Message}", e);
        }
        if (file is null || file.Format != FormatName)
            throw new InvalidDataException($"{path} is not an instruction vocabulary (format '{file?.Format}', expected '{FormatName}').");
        if (file.Version != FormatVersion)
            throw new InvalidDataException($"Vocabulary {path} has version {file.Version}; this build reads version {FormatVersion}.");
        if (file.Special != Reserved)
            throw new InvalidDataException($"Vocabulary {path} reserves different special ids ({file.Special}) than this build.");
        return file.Gpt2Ids;
    }

    private sealed record SpecialIds(long Pad, long Unknown, long EndOfText);

    private sealed record Contents(
        string Format,
        int Version,
        string Bpe,
        SpecialIds Special,
        [property: JsonPropertyName("gpt2Ids")] int[] Gpt2Ids);
}
