namespace EmuEdit.Pipeline.Serving;

/// <summary>What the model services report as model_version: the model folder's name and its config's name.</summary>
public sealed record ModelVersion(string Value)
{
    public static ModelVersion Of(string modelFolder, string configName) =>
        new($"{Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(modelFolder)))}/{configName}");
}
