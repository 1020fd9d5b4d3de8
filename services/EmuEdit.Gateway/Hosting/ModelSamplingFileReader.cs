using System.Text.Json;

namespace EmuEdit.Gateway.Hosting;

/// <summary>
/// Reads the sampler settings a model was trained and tuned with from its config.json (section
/// <c>diffusion</c>: <c>defaultInferenceSteps</c>, <c>imageGuidanceScale</c>, <c>textGuidanceScale</c>), the file
/// EmuEdit.Model's checkpoints write with every field present. Read here rather than through EmuEdit.Model
/// so the gateway does not carry LibTorch.
/// </summary>
public static class ModelSamplingFileReader
{
    public static (int Steps, float ImageGuidanceScale, float TextGuidanceScale) Load(string path)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not valid JSON: {e.Message}", e);
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("diffusion", out var diffusion)
                || diffusion.ValueKind != JsonValueKind.Object)
                throw new InvalidDataException($"{path} has no diffusion section: it is not a model config written by a checkpoint.");
            return (Read(diffusion, "defaultInferenceSteps", path, e => e.GetInt32()),
                Read(diffusion, "imageGuidanceScale", path, e => e.GetSingle()),
                Read(diffusion, "textGuidanceScale", path, e => e.GetSingle()));
        }
    }

    private static T Read<T>(JsonElement section, string name, string path, Func<JsonElement, T> value)
    {
        try
        {
            return section.TryGetProperty(name, out var element)
                ? value(element)
                : throw new InvalidDataException($"{path}: diffusion.{name} is missing.");
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException)
        {
            throw new InvalidDataException($"{path}: diffusion.{name} is not a number of the right kind.", e);
        }
    }
}
