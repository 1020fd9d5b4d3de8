using EmuEdit.Model.Checkpoints;
using Microsoft.Extensions.Configuration;

namespace EmuEdit.Pipeline.Serving;

/// <summary>Where a model service finds its model: configuration key Model:Directory (env Model__Directory).</summary>
public sealed class ModelFolderOptions
{
    public const string SectionName = "Model";

    public string? Directory { get; set; }

    /// <summary>The files a host that samples (diffusion worker, inversion) needs: config, task names, U-Net, task table.</summary>
    public static readonly string[] DenoiserFiles =
        [ModelCheckpoint.ConfigFile, ModelCheckpoint.TasksFile, ModelCheckpoint.UNetWeights, ModelCheckpoint.TaskTableWeights];

    /// <summary>The options bound from the Model section (defaults when it is absent), for checks before the host is built.</summary>
    public static ModelFolderOptions From(IConfiguration configuration) =>
        configuration.GetSection(SectionName).Get<ModelFolderOptions>() ?? new ModelFolderOptions();

    /// <summary>
    /// The folder, checked before anything loads from it, so a service that cannot serve says so at start,
    /// naming the setting and the path, instead of failing its first request.
    /// </summary>
    /// <exception cref="ModelFolderException">Not set, missing, or without <paramref name="requiredFiles"/>.</exception>
    public string Require(params string[] requiredFiles)
    {
        if (string.IsNullOrWhiteSpace(Directory))
            throw new ModelFolderException($"No model folder configured: set {SectionName}:{nameof(Directory)} (environment variable {SectionName}__{nameof(Directory)}).");
        var full = Path.GetFullPath(Directory);
        if (!System.IO.Directory.Exists(full))
            throw new ModelFolderException($"The model folder {full} ({SectionName}:{nameof(Directory)}) does not exist.");
        var missing = requiredFiles.Where(f => !File.Exists(Path.Combine(full, f))).ToArray();
        if (missing.Length > 0)
            throw new ModelFolderException($"The model folder {full} lacks {string.Join(", ", missing)}.");
        return full;
    }

    /// <summary>Files every checkpoint-reading service needs.</summary>
    public static readonly string[] CheckpointBasics = [ModelCheckpoint.ConfigFile];
}

/// <summary>The configured model folder cannot be used; the message says which setting and which path.</summary>
public sealed class ModelFolderException(string message) : Exception(message);
