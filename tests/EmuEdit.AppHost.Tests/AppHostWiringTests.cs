using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EmuEdit.AppHost.Tests;

/// <summary>The AppHost's model, built and not started: a setting given to the AppHost reaches every service that reads it.</summary>
public sealed class AppHostWiringTests
{
    [Fact]
    public async Task Settings_given_to_the_AppHost_reach_the_services_that_read_them()
    {
        string[] args =
        [
            "--QueueServer:Mode=Garnet",
            $"--Parameters:gateway-client-key={EmuEditApp.ClientKey}",
            $"--Parameters:gateway-admin-key={EmuEditApp.AdminKey}",
            "--ModelServices:CallTimeout=00:00:07",
            "--Worker:Device=cpu",
            "--Inference:Runtime=TorchSharp",
            "--Serving:MaxBatch=9",
            "--Queue:PollInterval=00:00:02",
        ];
        IDistributedApplicationTestingBuilder builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.EmuEdit_AppHost>(args);
        await using DistributedApplication app = await builder.BuildAsync();
        var projects = app.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<ProjectResource>().ToList();

        // The obsolete helper still says, without an execution context to build, what the orchestrator would set.
#pragma warning disable CS0618
        async Task<Dictionary<string, string>> EnvironmentOf(string name) =>
            await projects.Single(p => p.Name == name).GetEnvironmentVariableValuesAsync(DistributedApplicationOperation.Publish);
#pragma warning restore CS0618

        var worker = await EnvironmentOf("diffusion-worker");
        var inversion = await EnvironmentOf("inversion");
        foreach (var service in new[] { worker, inversion })
        {
            Assert.Equal("00:00:07", service.GetValueOrDefault("ModelServices__CallTimeout"));
            Assert.Equal("cpu", service.GetValueOrDefault("Worker__Device"));
            Assert.Equal("00:00:02", service.GetValueOrDefault("Queue__PollInterval"));
        }
        foreach (string name in new[] { "text-encoder", "vae-decoder" })
        {
            var modelService = await EnvironmentOf(name);
            Assert.Equal("TorchSharp", modelService.GetValueOrDefault("Inference__Runtime"));
            Assert.Equal("9", modelService.GetValueOrDefault("Serving__MaxBatch"));
        }
        Assert.Equal("9", (await EnvironmentOf("task-predictor")).GetValueOrDefault("Serving__MaxBatch"));
        // Each service gets only what it reads.
        Assert.False((await EnvironmentOf("gateway")).ContainsKey("Worker__Device"));
        Assert.False(worker.ContainsKey("Serving__MaxBatch"));
    }
}
