namespace EmuEdit.Gateway.Hosting;

/// <summary>
/// Where the model lives (section "Model", <c>Model__Directory</c>): the gateway reads only its
/// tasks.json, to know the built-in task names it may accept, and its config.json, for the sampler
/// settings of edits that name none (<see cref="Validation.SamplingDefaults"/>).
/// </summary>
public sealed class ModelFolderOptions
{
    public const string SectionName = "Model";

    /// <summary>The model's name for its task list; the same file every service of the model reads.</summary>
    public const string TasksFile = "tasks.json";

    /// <summary>The model's config, written by every checkpoint.</summary>
    public const string ConfigFile = "config.json";

    public string Directory { get; set; } = string.Empty;

    public string TasksPath => Path.Combine(Directory, TasksFile);

    public string ConfigPath => Path.Combine(Directory, ConfigFile);

    /// <summary>Refuses a missing folder at start with what to do, instead of failing at the first request.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Directory))
            throw new GatewayConfigurationException("Model:Directory is not set: point it (Model__Directory) at a trained model folder.");
        if (!System.IO.Directory.Exists(Directory))
            throw new GatewayConfigurationException($"The model folder {Path.GetFullPath(Directory)} (Model:Directory) does not exist: train a model into it or point Model__Directory at one.");
        if (!File.Exists(TasksPath))
            throw new GatewayConfigurationException($"The model folder {Path.GetFullPath(Directory)} (Model:Directory) has no {TasksFile}: it is not a trained model folder.");
        if (!File.Exists(ConfigPath))
            throw new GatewayConfigurationException($"The model folder {Path.GetFullPath(Directory)} (Model:Directory) has no {ConfigFile}: it is not a trained model folder.");
    }
}
