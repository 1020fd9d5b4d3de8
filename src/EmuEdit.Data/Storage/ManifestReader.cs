using System.Text.Json;
using System.Text.Json.Nodes;
using EmuEdit.Data.Scenes;
using EmuEdit.Data.Tasks;

namespace EmuEdit.Data.Storage;

/// <summary>
/// Reads JSON-lines manifests: ours (from <see cref="DatasetWriter"/>) and a user's real dataset (one
/// object per line with input, output, instruction, task and optionally captions and mask; relative
/// paths are relative to the manifest). Every malformed line is reported with its number and problem.
/// </summary>
public static class ManifestReader
{
    public sealed record Validation(IReadOnlyList<ManifestRecord> Records, IReadOnlyList<string> Errors);

    /// <summary>All records; throws <see cref="ManifestException"/> listing every malformed line if there is any.</summary>
    public static IReadOnlyList<ManifestRecord> Read(string path, ManifestReadOptions? options = null)
    {
        var result = Validate(path, options);
        return result.Errors.Count == 0 ? result.Records : throw new ManifestException(path, result.Errors);
    }

    /// <summary>Records one by one for streaming; throws at the first malformed line.</summary>
    public static IEnumerable<ManifestRecord> Stream(string path, ManifestReadOptions? options = null)
    {
        options ??= new ManifestReadOptions();
        string root = Path.GetDirectoryName(Path.GetFullPath(path))!;
        int n = 0;
        foreach (var line in File.ReadLines(path))
        {
            n++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var record = ParseLine(line, n, root, options, out var error);
            if (record is null) throw new ManifestException(path, [$"{path}:line {n}: {error}"]);
            yield return record;
        }
    }

    /// <summary>Parses every line, collecting good records and one error per bad line.</summary>
    public static Validation Validate(string path, ManifestReadOptions? options = null)
    {
        options ??= new ManifestReadOptions();
        if (!File.Exists(path)) return new([], [$"{path}: manifest not found"]);
        string root = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var records = new List<ManifestRecord>();
        var errors = new List<string>();
        int n = 0;
        foreach (var line in File.ReadLines(path))
        {
            n++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var record = ParseLine(line, n, root, options, out var error);
            if (record is null) errors.Add($"{path}:line {n}: {error}");
            else records.Add(record);
        }
        if (records.Count == 0 && errors.Count == 0) errors.Add($"{path}: the manifest has no records");
        return new(records, errors);
    }

    private static ManifestRecord? ParseLine(string line, int number, string root, ManifestReadOptions options, out string? error)
    {
        error = null;
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(line);
        }
        catch (JsonException e)
        {
            error = $"not valid JSON ({e.Message})";
            return null;
        }
        if (node is not JsonObject obj)
        {
            error = $"expected a JSON object, found {Kind(node)}";
            return null;
        }
        var values = new Dictionary<string, string>();
        foreach (var field in ManifestFields.Required)
        {
            if (!obj.TryGetPropertyValue(field, out var v) || v is null)
            {
                error = $"missing required field '{field}'";
                return null;
            }
            if (!TryString(v, out var s))
            {
                error = $"field '{field}' must be a string, found {Kind(v)}";
                return null;
            }
            if (string.IsNullOrWhiteSpace(s))
            {
                error = $"field '{field}' is empty";
                return null;
            }
            values[field] = s;
        }
        string task = values[ManifestFields.Task];
        if (!options.AllowUnknownTasks && !EditTasks.IsKnown(task))
        {
            error = $"unknown task '{task}' (known: {string.Join(", ", EditTasks.All)})";
            return null;
        }
        string? Optional(string field, ref string? err)
        {
            if (err is not null || !obj.TryGetPropertyValue(field, out var v) || v is null) return null;
            if (TryString(v, out var s)) return s;
            err = $"field '{field}' must be a string, found {Kind(v)}";
            return null;
        }
        string? problem = null;
        var inputCaption = Optional(ManifestFields.InputCaption, ref problem);
        var outputCaption = Optional(ManifestFields.OutputCaption, ref problem);
        var mask = Optional(ManifestFields.Mask, ref problem);
        var id = Optional(ManifestFields.Id, ref problem);
        var split = Optional(ManifestFields.Split, ref problem);
        var category = Optional(ManifestFields.Category, ref problem);
        if (problem is not null)
        {
            error = problem;
            return null;
        }

        string inputPath = Path.GetFullPath(values[ManifestFields.Input], root);
        string outputPath = Path.GetFullPath(values[ManifestFields.Output], root);
        string? maskPath = mask is null ? null : Path.GetFullPath(mask, root);
        if (options.CheckFiles)
        {
            foreach (var (what, rel, full) in new[] { ("input", values[ManifestFields.Input], inputPath), ("output", values[ManifestFields.Output], outputPath), ("mask", mask, maskPath) })
                if (full is not null && !File.Exists(full))
                {
                    error = $"{what} image '{rel}' not found (looked at {full})";
                    return null;
                }
        }

        long? seed = null;
        if (obj.TryGetPropertyValue(ManifestFields.Seed, out var seedNode) && seedNode is not null)
        {
            if (seedNode is JsonValue sv && sv.TryGetValue(out long s)) seed = s;
            else
            {
                error = $"field '{ManifestFields.Seed}' must be an integer, found {Kind(seedNode)}";
                return null;
            }
        }
        bool? heldOut = null;
        if (obj.TryGetPropertyValue(ManifestFields.HeldOut, out var heldNode) && heldNode is not null)
        {
            if (heldNode is JsonValue hv && hv.TryGetValue(out bool b)) heldOut = b;
            else
            {
                error = $"field '{ManifestFields.HeldOut}' must be true or false, found {Kind(heldNode)}";
                return null;
            }
        }
        Scene? inputScene = null, outputScene = null;
        foreach (var (field, assign) in new (string, Action<Scene>)[] { (ManifestFields.InputScene, s => inputScene = s), (ManifestFields.OutputScene, s => outputScene = s) })
        {
            if (!obj.TryGetPropertyValue(field, out var sceneNode) || sceneNode is null) continue;
            try
            {
                assign(SceneJson.FromNode(sceneNode));
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or NotSupportedException)
            {
                error = $"field '{field}' is not a valid scene ({e.Message})";
                return null;
            }
        }

        return new ManifestRecord
        {
            LineNumber = number,
            InputPath = inputPath, OutputPath = outputPath, MaskPath = maskPath,
            Instruction = values[ManifestFields.Instruction], Task = task,
            InputCaption = inputCaption, OutputCaption = outputCaption,
            Id = id, Split = split, Seed = seed, Category = category, HeldOutPhrasing = heldOut,
            InputScene = inputScene, OutputScene = outputScene,
        };
    }

    private static bool TryString(JsonNode node, out string value)
    {
        value = "";
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.String)
        {
            value = v.GetValue<string>();
            return true;
        }
        return false;
    }

    private static string Kind(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray => "an array",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            _ => "null",
        },
        _ => "something else",
    };
}
