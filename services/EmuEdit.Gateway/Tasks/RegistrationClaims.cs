using EmuEdit.Gateway.Editing;
using EmuEdit.Queue;

namespace EmuEdit.Gateway.Tasks;

/// <summary>
/// The claims registrations hold on task names, judged against the registration queue: a claim is live
/// while its job is waiting or running. One whose job finished without releasing it (its workers died on
/// it), or whose job never appeared within <see cref="RegistrationOptions.ClaimGrace"/> (the gateway died
/// between claiming and queueing), is stale and free to take over.
/// </summary>
public sealed class RegistrationClaims(TaskRegistryStore registry, TaskInversionQueue queue, RegistrationOptions options, TimeProvider time)
{
    /// <summary>Null when the name is now <paramref name="registrationId"/>'s; else the live claim holding it.</summary>
    /// <exception cref="BuiltInTaskException">The name is a built-in task's.</exception>
    public Task<TaskClaim?> TryClaimAsync(string name, string registrationId, CancellationToken cancellationToken) =>
        registry.TryClaimAsync(name, registrationId, time.GetUtcNow(), IsStaleAsync, cancellationToken);

    /// <summary>The live claim on <paramref name="name"/>, or null when no registration of it is in flight.</summary>
    public async Task<TaskClaim?> FindLiveAsync(string name, CancellationToken cancellationToken)
    {
        TaskClaim? claim = await registry.GetClaimAsync(name, cancellationToken).ConfigureAwait(false);
        return claim is null || await IsStaleAsync(claim, cancellationToken).ConfigureAwait(false) ? null : claim;
    }

    public Task<bool> ReleaseAsync(string name, string registrationId) => registry.ReleaseClaimAsync(name, registrationId);

    private async Task<bool> IsStaleAsync(TaskClaim claim, CancellationToken cancellationToken)
    {
        JobRecord? job = await queue.Jobs.GetJobAsync(claim.RegistrationId, cancellationToken).ConfigureAwait(false);
        if (job is null) return time.GetUtcNow() - claim.ClaimedAt > options.ClaimGrace;
        return job.State.IsTerminal();
    }
}
