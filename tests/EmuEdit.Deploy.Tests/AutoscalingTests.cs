using System.Globalization;
using EmuEdit.Deploy.Tests.Support;
using EmuEdit.Gateway.Autoscaling;
using EmuEdit.Queue;
using k8s.Models;

namespace EmuEdit.Deploy.Tests;

/// <summary>
/// KEDA's triggers against the code: the Redis key a trigger watches is the one the queue writes
/// (QueueKeys, the one source of truth), the external trigger's metadata is what the gateway's scaler
/// accepts, and the per-replica targets are what a worker samples at once.
/// </summary>
public sealed class AutoscalingTests
{
    /// <summary>The inversion service's queue prefix (its JobQueue's KeyPrefix).</summary>
    private const string InversionKeyPrefix = "emuedit:inversion:";

    private static List<string> KedaOverlayNames() => Repository.Overlays().Where(o => Kubectl.Render(o).All<ScaledObject>().Any()).ToList();

    public static TheoryData<string> KedaOverlays() => new(KedaOverlayNames());

    [Fact]
    public void The_gpu_overlay_scales_with_keda_and_the_hpa_overlay_without()
    {
        Assert.Contains("gpu", KedaOverlayNames());
        var hpa = Kubectl.Render("hpa");
        Assert.Empty(hpa.All<ScaledObject>());
        foreach (var name in Deployment.QueueWorkers)
        {
            var autoscaler = hpa.One<V2HorizontalPodAutoscaler>(name);
            Assert.Equal(("Deployment", name), (autoscaler.Spec.ScaleTargetRef.Kind, autoscaler.Spec.ScaleTargetRef.Name));
            Assert.InRange(autoscaler.Spec.MinReplicas ?? 1, 1, autoscaler.Spec.MaxReplicas);
            // Utilisation is relative to the request: without one the HPA has nothing to divide by.
            Assert.True(hpa.One<V1Deployment>(name).Spec.Template.Spec.Containers.Single().Resources.Requests.ContainsKey("cpu"));
        }
    }

    [Theory]
    [MemberData(nameof(KedaOverlays))]
    public void The_worker_trigger_watches_the_ready_list_the_queue_writes(string overlay)
    {
        var rendered = Kubectl.Render(overlay);
        var scaled = rendered.One<ScaledObject>("diffusion-worker");
        var ready = Assert.Single(scaled.Spec.Triggers, t => t.Type == "redis");
        Assert.Equal(QueueKeys.DefaultReadyList, ready.Metadata["listName"]);
        // The services' configured prefix names the same list.
        var worker = rendered.One<V1Deployment>("diffusion-worker").Spec.Template.Spec.Containers.Single();
        Assert.Equal(QueueKeys.DefaultReadyList, new QueueKeys(rendered.Env(worker, "Queue__KeyPrefix")!).Ready.ToString());
        Assert.Equal(QueueKeys.DefaultPrefix, rendered.Env(rendered.One<V1Deployment>("gateway").Spec.Template.Spec.Containers.Single(), "Queue__KeyPrefix"));
        AssertTriggers(rendered, scaled, worker, QueueKeys.DefaultPrefix);
    }

    [Theory]
    [MemberData(nameof(KedaOverlays))]
    public void The_inversion_trigger_watches_the_inversion_queue(string overlay)
    {
        var rendered = Kubectl.Render(overlay);
        var scaled = rendered.One<ScaledObject>("inversion");
        var inversion = rendered.One<V1Deployment>("inversion").Spec.Template.Spec.Containers.Single();
        Assert.Equal(InversionKeyPrefix, rendered.Env(inversion, "Queue__KeyPrefix"));
        Assert.Equal("emuedit:inversion:queue:ready", new QueueKeys(InversionKeyPrefix).Ready.ToString());
        Assert.Equal(new QueueKeys(InversionKeyPrefix).Ready.ToString(), Assert.Single(scaled.Spec.Triggers, t => t.Type == "redis").Metadata["listName"]);
        // It may rest at zero: nothing registers most of the time.
        Assert.Equal(0, scaled.Spec.MinReplicaCount);
        AssertTriggers(rendered, scaled, inversion, InversionKeyPrefix);
    }

    /// <summary>What both ScaledObjects must get right.</summary>
    private static void AssertTriggers(Rendered rendered, ScaledObject scaled, V1Container container, string keyPrefix)
    {
        var deployment = rendered.One<V1Deployment>(scaled.Spec.ScaleTargetRef.Name);
        Assert.Equal(scaled.Metadata.Name, deployment.Metadata.Name);
        Assert.Null(deployment.Spec.Replicas); // replicas are the autoscaler's; a fixed number would fight it on every apply
        Assert.InRange(scaled.Spec.MinReplicaCount ?? 0, 0, scaled.Spec.MaxReplicaCount ?? 100);
        Assert.True(scaled.Spec.CooldownPeriod > 0 && scaled.Spec.PollingInterval > 0);

        var ready = Assert.Single(scaled.Spec.Triggers, t => t.Type == "redis");
        // KEDA reads address and password from the target container's environment.
        foreach (var key in new[] { "addressFromEnv", "passwordFromEnv" })
            Assert.True(rendered.Defines(container, ready.Metadata[key]), $"{scaled.Metadata.Name}: {ready.Metadata[key]} is not in the container's environment");
        // The address must resolve from KEDA's own namespace: a fully qualified in-cluster name or an external host.
        var address = rendered.Env(container, ready.Metadata["addressFromEnv"])!;
        Assert.Matches(@"^[a-z0-9.-]+\.[a-z0-9.-]+:\d+$", address);
        if (rendered.All<V1Service>().Any(s => s.Metadata.Name == "redis"))
        {
            Assert.Equal($"redis.{Deployment.Namespace}.svc.cluster.local:6379", address);
            // ...and the Redis network policy lets KEDA's operator in.
            Assert.Contains(rendered.One<V1NetworkPolicy>("redis").Spec.Ingress.SelectMany(r => r.FromProperty),
                peer => peer.NamespaceSelector?.MatchLabels?.TryGetValue("kubernetes.io/metadata.name", out var ns) == true && ns == "keda");
        }

        var demand = Assert.Single(scaled.Spec.Triggers, t => t.Type == "external");
        var request = ScalerRequest.Parse(demand.Metadata, defaultKeyPrefix: "unused:");
        Assert.Equal(keyPrefix, request.KeyPrefix);
        var scaler = new Uri("http://" + demand.Metadata["scalerAddress"]);
        Assert.Equal($"gateway.{Deployment.Namespace}.svc.cluster.local", scaler.Host);
        Assert.Contains(rendered.One<V1Service>("gateway").Spec.Ports, p => p.Port == scaler.Port);

        // Both triggers aim at the same per-replica load.
        Assert.Equal(double.Parse(ready.Metadata["listLength"], CultureInfo.InvariantCulture), request.JobsPerReplica);
        Assert.True(scaled.Spec.Triggers.All(t => !string.IsNullOrEmpty(t.Name)), "named triggers keep KEDA's metric names stable");
    }

    [Theory]
    [MemberData(nameof(KedaOverlays))]
    public void A_worker_replica_is_asked_to_hold_as_many_jobs_as_it_samples_at_once(string overlay)
    {
        var rendered = Kubectl.Render(overlay);
        var worker = rendered.One<V1Deployment>("diffusion-worker").Spec.Template.Spec.Containers.Single();
        var batch = rendered.Env(worker, "Pipeline__MaxBatchSize");
        Assert.NotNull(batch);
        foreach (var trigger in rendered.One<ScaledObject>("diffusion-worker").Spec.Triggers)
            Assert.Equal(batch, trigger.Metadata.TryGetValue("listLength", out var length) ? length : trigger.Metadata["jobsPerReplica"]);
    }
}
