using System.Text.Json.Serialization;

namespace EmuEdit.SentenceEncoding;

/// <summary>
/// How a predictor file names the frozen sentence encoder its weights were trained on: the folder name
/// under <c>encoders/</c>, and the SHA-256 of the ONNX graph, so a different encoder under the same name
/// is refused instead of silently giving wrong answers.
/// </summary>
public sealed record EncoderReference(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("model_sha256")] string ModelSha256,
    [property: JsonPropertyName("dimension")] int Dimension,
    [property: JsonPropertyName("max_tokens")] int MaxTokens,
    [property: JsonPropertyName("source")] string Source)
{
    public static EncoderReference Of(SentenceEncoder encoder) =>
        new(encoder.Name, encoder.ModelSha256, encoder.Dimension, encoder.Options.MaxTokens, Path.GetFileName(encoder.Source));

    /// <summary>The process's shared encoder this reference names, found beside the model or the binaries.</summary>
    /// <exception cref="InvalidDataException">The encoder found there is not the one the weights were trained on.</exception>
    public SentenceEncoder Resolve(string? modelFolder)
    {
        var encoder = SentenceEncoders.Shared(SentenceEncoders.Locate(Name, modelFolder), new SentenceEncoderOptions { MaxTokens = MaxTokens });
        if (!string.Equals(encoder.ModelSha256, ModelSha256, StringComparison.OrdinalIgnoreCase) || encoder.Dimension != Dimension)
            throw new InvalidDataException(
                $"Sentence encoder '{Name}' at {encoder.Source} is not the one the predictor was trained with " +
                $"(model sha256 {encoder.ModelSha256}, {encoder.Dimension} dims; expected {ModelSha256}, {Dimension} dims).");
        return encoder;
    }
}
