using EmuEdit.Contracts.V1;
using EmuEdit.Gateway.Hosting;
using EmuEdit.Gateway.Validation;
using EmuEdit.Queue;
using Microsoft.Extensions.Options;

namespace EmuEdit.Gateway.Tasks;

/// <summary>
/// The tasks a client may name: the model's built-in ones (tasks.json, read once at start) and the
/// ones learned by task inversion (the registry, read per request so a new task is usable at once).
/// </summary>
public sealed class TaskCatalog
{
    private readonly TaskRegistryStore _registry;

    public TaskCatalog(IOptions<ModelFolderOptions> model, TaskRegistryStore registry)
    {
        _registry = registry;
        BuiltIn = TaskNamesFileReader.Load(model.Value.TasksPath);
    }

    public IReadOnlyList<string> BuiltIn { get; }

    public async Task<ListTasksResponse> ListAsync(CancellationToken cancellationToken)
    {
        var (registered, version) = await _registry.ListAsync(cancellationToken).ConfigureAwait(false);
        var response = new ListTasksResponse { RegistryVersion = version };
        foreach (string name in BuiltIn)
        {
            var info = new TaskInfo { Name = name, BuiltIn = true };
            if (BuiltInTaskDescriptions.Find(name) is { } entry)
            {
                info.Description = entry.Description;
                info.ExampleInstructions.AddRange(entry.Examples);
            }
            response.Tasks.Add(info);
        }
        response.Tasks.AddRange(registered
            .Where(t => FindBuiltIn(t.Name) is null)
            .Select(t => RegisteredTaskMetadata.ToTaskInfo(t.Name, t.MetadataJson)));
        return response;
    }

    /// <summary>The task's canonical name; NOT_FOUND naming the known tasks when there is no such task.</summary>
    public async Task<string> ResolveAsync(string name, CancellationToken cancellationToken)
    {
        if (FindBuiltIn(name) is { } builtIn) return builtIn;
        if (await _registry.GetAsync(name, cancellationToken).ConfigureAwait(false) is not null) return name;
        throw RequestErrors.NotFound($"parameters.task '{name}' is not a known task. Built-in tasks: {string.Join(", ", BuiltIn)}; ListTasks also shows tasks learned by inversion.");
    }

    private string? FindBuiltIn(string name) =>
        BuiltIn.FirstOrDefault(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
}
