using System.Text.Json;
using EmuEdit.Gateway.Validation;

namespace EmuEdit.Gateway.Hosting;

/// <summary>
/// Reads the sampler settings a model was trained and tuned with from its config.json (section
/// <c>diffusion</c>: <c>defaultInferenceSteps</c>, <c>imageGuidanceScale</c>, <c>textGuidanceScale</c>), which
/// EmuEdit.Model's checkpoints write with every field present. Read here rather than through EmuEdit.Model
/// so the gateway does not carry LibTorch; a hand-written config without them is refused rather than
/// given a second copy of the model library's defaults.
/// </summary>
public static class ModelSamplingFileReader
{
    /// <summary>
    /// The defaults the gateway serves: <see cref="SamplingDefaults.Resolve"/> over this folder's config.json,
    /// which is read only when some <c>Gateway:Default*</c> option is unset.
    /// </summary>
    /// <exception cref="GatewayConfigurationException">The config cannot be read, or a default is out of range.</exception>
    public static SamplingDefaults Defaults(GatewayOptions options, ModelFolderOptions folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        try
        {
            return SamplingDefaults.Resolve(options, () => Load(folder.ConfigPath), folder.ConfigPath);
        }
        catch (InvalidDataException e)
        {
            throw new GatewayConfigurationException(
                $"The model folder's config cannot give the sampler defaults (Model:Directory), and Gateway:DefaultSteps, DefaultImageGuidanceScale and DefaultTextGuidanceScale do not all replace them: {e.Message}");
        }
    }

    /// <exception cref="InvalidDataException">The file cannot be read or lacks a setting.</exception>
    public static SamplingDefaults Load(string path)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(path));
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"{path} cannot be read as JSON: {e.Message}", e);
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("diffusion", out var diffusion)
                || diffusion.ValueKind != JsonValueKind.Object)
                throw new InvalidDataException($"{path} has no diffusion section: it is not a model config written by a checkpoint.");
            return new SamplingDefaults(
                Read(diffusion, "defaultInferenceSteps", path, e => e.GetInt32()),
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
