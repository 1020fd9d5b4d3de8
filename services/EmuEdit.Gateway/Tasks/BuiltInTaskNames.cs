using EmuEdit.Gateway.Hosting;
using Microsoft.Extensions.Options;

namespace EmuEdit.Gateway.Tasks;

/// <summary>The model's built-in tasks: the model folder's tasks.json in task-table order, read once at start.</summary>
public sealed class BuiltInTaskNames(IReadOnlyList<string> names)
{
    public BuiltInTaskNames(IOptions<ModelFolderOptions> model) : this(TaskNamesFileReader.Load(model.Value.TasksPath))
    {
    }

    public IReadOnlyList<string> Names { get; } = names;

    /// <summary>The built-in task's canonical name (case-insensitive match), or null.</summary>
    public string? Find(string? name) =>
        string.IsNullOrWhiteSpace(name) ? null : Names.FirstOrDefault(n => string.Equals(n, name.Trim(), StringComparison.OrdinalIgnoreCase));
}
