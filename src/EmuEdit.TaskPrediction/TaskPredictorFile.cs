using System.Text.Json;
using System.Text.Json.Serialization;
using EmuEdit.SentenceEncoding;

namespace EmuEdit.TaskPrediction;

/// <summary>
/// Saves and loads a <see cref="TaskPredictor"/> as one JSON file: task names, feature options,
/// the feature list, and weights as base64 little-endian float16 (half the size; the logits do
/// not need more precision). An n-gram-only predictor is written as format 1; one with a sentence
/// embedding as format 2, which adds the encoder's name and checksum and the embedding weights. The
/// encoder itself is not in the file (90 MB): it is looked up by name under <c>encoders/</c>.
/// </summary>
public static class TaskPredictorFile
{
    public const string Format = "emuedit-task-predictor/1";
    public const string EmbeddingFormat = "emuedit-task-predictor/2";

    private sealed record Document(
        [property: JsonPropertyName("format")] string Format,
        [property: JsonPropertyName("tasks")] string[] Tasks,
        [property: JsonPropertyName("feature_options")] FeatureOptions FeatureOptions,
        [property: JsonPropertyName("features")] string[] Features,
        [property: JsonPropertyName("weights_f16")] string Weights,
        [property: JsonPropertyName("bias")] float[] Bias)
    {
        [JsonPropertyName("encoder")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public EncoderReference? Encoder { get; init; }

        /// <summary>Row-major [dimension, task], float16 like the n-gram weights.</summary>
        [JsonPropertyName("embedding_weights_f16")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? EmbeddingWeights { get; init; }

        [JsonPropertyName("embedding_scale")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public float? EmbeddingScale { get; init; }
    }

    public static void Save(TaskPredictor predictor, string path)
    {
        var head = predictor.Embedding;
        var doc = new Document(head is null ? Format : EmbeddingFormat, predictor.Tasks.ToArray(), predictor.Options, predictor.Features.ToArray(),
            Convert.ToBase64String(ToHalfBytes(predictor.Weights)), predictor.Bias)
        {
            Encoder = head?.Reference,
            EmbeddingWeights = head is null ? null : Convert.ToBase64String(ToHalfBytes(head.Weights)),
            EmbeddingScale = head?.Scale,
        };
        var tmp = path + ".tmp";
        File.WriteAllText(tmp, JsonSerializer.Serialize(doc));
        File.Move(tmp, path, overwrite: true);
    }

    /// <summary>Loads a predictor; a format-2 file's encoder is the process's shared one (see <see cref="SentenceEncoders"/>).</summary>
    /// <param name="resolveEncoder">
    /// Finds the encoder a format-2 file names; by default <c>encoders/NAME</c> beside the file, else
    /// beside the binaries, checked against the file's checksum.
    /// </param>
    public static TaskPredictor Load(string path, Func<EncoderReference, SentenceEncoder>? resolveEncoder = null)
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
        if (doc.Format != Format && doc.Format != EmbeddingFormat)
            throw new InvalidDataException($"{path} has format '{doc.Format}', expected '{Format}' or '{EmbeddingFormat}'.");
        EmbeddingHead? head = null;
        if (doc.Format == EmbeddingFormat)
        {
            if (doc.Encoder is null || doc.EmbeddingWeights is null || doc.EmbeddingScale is null)
                throw new InvalidDataException($"{path}: format '{EmbeddingFormat}' needs encoder, embedding_weights_f16 and embedding_scale.");
            var reference = doc.Encoder;
            var encoder = resolveEncoder?.Invoke(reference) ?? reference.Resolve(Path.GetDirectoryName(Path.GetFullPath(path)));
            head = new EmbeddingHead(encoder, reference, FromHalfBytes(Convert.FromBase64String(doc.EmbeddingWeights)), doc.EmbeddingScale.Value, doc.Tasks.Length);
        }
        return new TaskPredictor(doc.Tasks, doc.Features, FromHalfBytes(Convert.FromBase64String(doc.Weights)), doc.Bias, doc.FeatureOptions, head);
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
