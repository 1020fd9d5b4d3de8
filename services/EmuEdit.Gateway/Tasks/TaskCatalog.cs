using EmuEdit.Contracts.V1;
using EmuEdit.Gateway.Validation;
using EmuEdit.Queue;

namespace EmuEdit.Gateway.Tasks;

/// <summary>
/// The tasks a client may name: the model's built-in ones (tasks.json, read once at start) and the
/// ones learned by task inversion (the registry, read per request so a new task is usable at once).
/// </summary>
public sealed class TaskCatalog
{
    private readonly BuiltInTaskNames _builtIn;
    private readonly TaskRegistryStore _registry;
    private readonly RegistrationClaims _claims;

    public TaskCatalog(BuiltInTaskNames builtIn, TaskRegistryStore registry, RegistrationClaims claims)
    {
        _builtIn = builtIn;
        _registry = registry;
        _claims = claims;
    }

    public IReadOnlyList<string> BuiltIn => _builtIn.Names;

    public async Task<ListTasksResponse> ListAsync(CancellationToken cancellationToken)
    {
        var (registered, version) = await _registry.ListAsync(cancellationToken).ConfigureAwait(false);
        var response = new ListTasksResponse { RegistryVersion = version };
        foreach (string name in BuiltIn)
        {
            var info = new TaskInfo { Name = name, BuiltIn = true, Source = TaskSource.BuiltIn };
            if (BuiltInTaskDescriptions.Find(name) is { } entry)
            {
                info.Description = entry.Description;
                info.ExampleInstructions.AddRange(entry.Examples);
            }
            response.Tasks.Add(info);
        }
        response.Tasks.AddRange(registered.Where(t => _builtIn.Find(t.Name) is null).Select(RegisteredTaskMetadata.ToTaskInfo));
        return response;
    }

    /// <summary>
    /// The task's canonical name. NOT_FOUND naming the known tasks when there is no such task;
    /// FAILED_PRECONDITION when it is still being registered (usable once its registration succeeds).
    /// </summary>
    public async Task<string> ResolveAsync(string name, CancellationToken cancellationToken)
    {
        if (_builtIn.Find(name) is { } builtIn) return builtIn;
        if (await _registry.GetAsync(name, cancellationToken).ConfigureAwait(false) is not null) return name;
        string canonical = name.Trim().ToLowerInvariant();
        if (canonical != name && await _registry.GetAsync(canonical, cancellationToken).ConfigureAwait(false) is not null) return canonical;
        if (await _claims.FindLiveAsync(canonical, cancellationToken).ConfigureAwait(false) is { } claim)
            throw RequestErrors.FailedPrecondition(
                $"parameters.task '{canonical}' is still being registered (registration {claim.RegistrationId}); it can be used once that registration succeeds.");
        throw RequestErrors.NotFound($"parameters.task '{RequestErrors.Echo(name)}' is not a known task. Built-in tasks: {string.Join(", ", BuiltIn)}; ListTasks also shows tasks learned by inversion.");
    }
}
