using System.Text.Json;
using System.Text.Json.Serialization;

namespace EmuEdit.TaskPrediction;

/// <summary>
/// Saves and loads a <see cref="TaskPredictor"/> as one JSON file: task names, feature options,
/// the feature list, and weights as base64 little-endian float16 (half the size; the logits do
/// not need more precision).
/// </summary>
public static class TaskPredictorFile
{
    public const string Format = "emuedit-task-predictor/1";

    private sealed record Document(
        [property: JsonPropertyName("format")] string Format,
        [property: JsonPropertyName("tasks")] string[] Tasks,
        [property: JsonPropertyName("feature_options")] FeatureOptions FeatureOptions,
        [property: JsonPropertyName("features")] string[] Features,
        [property: JsonPropertyName("weights_f16")] string Weights,
        [property: JsonPropertyName("bias")] float[] Bias);

    public static void Save(TaskPredictor predictor, string path)
    {
        var doc = new Document(Format, predictor.Tasks.ToArray(), predictor.Options, predictor.Features.ToArray(),
            Convert.ToBase64String(ToHalfBytes(predictor.Weights)), predictor.Bias);
        var tmp = path + ".tmp";
        File.WriteAllText(tmp, JsonSerializer.Serialize(doc));
        File.Move(tmp, path, overwrite: true);
    }

    public static TaskPredictor Load(string path)
    {
        Document doc;
        try
        {
            doc = JsonSerializer.Deserialize<Document>(File.ReadAllText(path))
                  ?? throw new InvalidDataException($"{path} is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not a task predictor file: {e.Message}", e);
        }
        if (doc.Format != Format)
            throw new InvalidDataException($"{path} has format '{doc.Format}', expected '{Format}'.");
        return new TaskPredictor(doc.Tasks, doc.Features, FromHalfBytes(Convert.FromBase64String(doc.Weights)), doc.Bias, doc.FeatureOptions);
    }

    private static byte[] ToHalfBytes(float[] values)
    {
        var bytes = new byte[values.Length * 2];
        for (var i = 0; i < values.Length; i++)
        {
            BitConverter.TryWriteBytes(bytes.AsSpan(i * 2), BitConverter.HalfToUInt16Bits((Half)values[i]));
        }
        return bytes;
    }

    private static float[] FromHalfBytes(byte[] bytes)
    {
        var values = new float[bytes.Length / 2];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)BitConverter.UInt16BitsToHalf(BitConverter.ToUInt16(bytes, i * 2));
        }
        return values;
    }
}
