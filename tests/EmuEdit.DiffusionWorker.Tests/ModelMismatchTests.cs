using EmuEdit.DiffusionWorker.Tests.Support;
using EmuEdit.Pipeline.Serving;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using JobState = EmuEdit.Queue.JobState;

namespace EmuEdit.DiffusionWorker.Tests;

/// <summary>
/// A worker whose U-Net was trained with another autoencoder than the vae-decoder serves would sample in the
/// wrong latent space and return wrong edits: it must say so and stop before it takes a job.
/// </summary>
public sealed class ModelMismatchTests(MismatchedModelWorkerFixture fixture) : IClassFixture<MismatchedModelWorkerFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_worker_of_another_autoencoder_stops_without_taking_a_job()
    {
        var said = await Eventually.ValueAsync(() => Task.FromResult(fixture.Logs.Messages.FirstOrDefault(m => m.Contains("takes no jobs and stops", StringComparison.Ordinal))),
            Patience, "the worker to refuse the vae-decoder's latent space");
        Assert.Contains("latent space", said);
        Assert.True(fixture.Worker.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested);
        // What Program.cs turns into exit code 1.
        Assert.Equal(said[(said.IndexOf(": ", StringComparison.Ordinal) + 2)..], fixture.Worker.Services.GetRequiredService<ModelServicesCheck>().Mismatch);

        var record = await fixture.Queue.GetJobAsync(fixture.WaitingJobId);
        Assert.NotNull(record);
        Assert.Equal(JobState.Queued, record.State);
        Assert.Equal(0, record.Attempts);
    }
}
