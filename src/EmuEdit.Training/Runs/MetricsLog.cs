using System.Text.Json;
using System.Text.Json.Nodes;

namespace EmuEdit.Training.Runs;

/// <summary>
/// Appends one JSON object per line to metrics.jsonl, flushed per line so a killed run keeps what it
/// logged. On resume the lines past the restored step are dropped: those steps are trained again.
/// </summary>
public sealed class MetricsLog : IDisposable
{
    private readonly StreamWriter _writer;

    public MetricsLog(string path, long resumedStep)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        if (File.Exists(path)) TruncateAfter(path, resumedStep);
        _writer = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read)) { AutoFlush = true };
    }

    public void Write(IReadOnlyDictionary<string, object?> values)
    {
        var json = new JsonObject();
        foreach (var (key, value) in values) json[key] = JsonValue.Create(value);
        _writer.WriteLine(json.ToJsonString());
    }

    public void Dispose() => _writer.Dispose();

    private static void TruncateAfter(string path, long step)
    {
        var kept = File.ReadLines(path).Where(line => StepOf(line) is { } s && s <= step).ToList();
        var temp = path + ".tmp";
        File.WriteAllLines(temp, kept);
        File.Move(temp, path, overwrite: true);
    }

    private static long? StepOf(string line)
    {
        try
        {
            return JsonNode.Parse(line)?["step"]?.GetValue<long>();
        }
        catch (JsonException)
        {
            return null; // a line cut short by a kill
        }
    }
}
