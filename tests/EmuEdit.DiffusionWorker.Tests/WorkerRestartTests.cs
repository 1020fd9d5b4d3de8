using EmuEdit.DiffusionWorker.Tests.Support;
using JobState = EmuEdit.Queue.JobState;

namespace EmuEdit.DiffusionWorker.Tests;

/// <summary>A worker restarted under its old name (a pod's container after a crash) runs what its dead run held.</summary>
public sealed class WorkerRestartTests(RestartedWorkerFixture fixture) : IClassFixture<RestartedWorkerFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task TheJobTheEarlierRunHeldIsReturnedAndFinished()
    {
        var finished = await Eventually.ValueAsync(async () => await fixture.Queue.GetJobAsync(fixture.LeftoverJobId) is { State: JobState.Succeeded } r ? r : null,
            Patience, "the leftover job to succeed");
        // The dead run's claim counted, as a reaped job's does.
        Assert.Equal(2, finished.Attempts);
        Assert.NotNull(await fixture.Queue.GetResultAsync(fixture.LeftoverJobId));
    }
}
