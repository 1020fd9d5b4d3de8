using EmuEdit.Deploy.Tests.Support;
using k8s.Models;

namespace EmuEdit.Deploy.Tests;

/// <summary>What each overlay is for.</summary>
public sealed class OverlayTests
{
    private static bool UsesGpu(V1PodSpec pod) =>
        pod.Containers.Any(c => c.Resources?.Limits?.ContainsKey("nvidia.com/gpu") == true || c.Resources?.Requests?.ContainsKey("nvidia.com/gpu") == true);

    [Fact]
    public void Dev_is_cpu_only_with_one_replica_of_everything_and_no_autoscaler()
    {
        var dev = Kubectl.Render("dev");
        foreach (var (owner, template, _) in dev.Workloads())
        {
            var replicas = owner switch { V1Deployment d => d.Spec.Replicas, V1StatefulSet s => s.Spec.Replicas, _ => null };
            Assert.True(replicas is null or 1, $"{owner.Describe()} runs {replicas} replicas");
            Assert.False(UsesGpu(template.Spec), $"{owner.Describe()} asks for a GPU");
            Assert.Null(template.Spec.NodeSelector);
        }
        Assert.Empty(dev.All<ScaledObject>());
        Assert.Empty(dev.All<V2HorizontalPodAutoscaler>());
        Assert.Equal("cpu", dev.Env(dev.One<V1Deployment>("diffusion-worker").Spec.Template.Spec.Containers.Single(), "Worker__Device"));
        Assert.Equal(["ReadWriteOnce"], dev.One<V1PersistentVolumeClaim>("emuedit-model").Spec.AccessModes);
    }

    [Fact]
    public void Gpu_gives_workers_one_gpu_on_gpu_nodes_with_cuda_images_and_nothing_else_a_gpu()
    {
        var gpu = Kubectl.Render("gpu");
        foreach (var (owner, template, _) in gpu.Workloads())
        {
            var pod = template.Spec;
            if (!Deployment.QueueWorkers.Contains(owner.Metadata.Name))
            {
                Assert.False(UsesGpu(pod), $"{owner.Describe()} should not hold a GPU");
                continue;
            }
            var c = pod.Containers.Single();
            Assert.Equal("1", c.Resources.Limits["nvidia.com/gpu"].ToString());
            Assert.Equal("true", pod.NodeSelector["nvidia.com/gpu.present"]);
            Assert.Contains(pod.Tolerations, t => t.Key == "nvidia.com/gpu" && t.OperatorProperty == "Exists" && t.Effect == "NoSchedule");
            Assert.EndsWith("-cuda", c.Image, StringComparison.Ordinal);
            Assert.Equal("cuda", gpu.Env(c, "Worker__Device"));
        }
        Assert.Equal(2, gpu.All<ScaledObject>().Count());
        Assert.Equal(["ReadWriteMany"], gpu.One<V1PersistentVolumeClaim>("emuedit-model").Spec.AccessModes);
    }

    [Fact]
    public void External_redis_runs_no_redis_and_points_every_service_elsewhere_over_tls()
    {
        var external = Kubectl.Render("external-redis");
        Assert.DoesNotContain(external.Objects, o => o.Metadata.Name == "redis");
        var config = external.Config.Data;
        Assert.DoesNotContain(".svc.cluster.local", config["REDIS_ADDRESS"], StringComparison.Ordinal);
        Assert.Contains("ssl=true", config["REDIS_OPTIONS"], StringComparison.Ordinal);
        Assert.Contains("redis", Kubectl.Render("dev").Objects.OfType<V1StatefulSet>().Select(s => s.Metadata.Name));
    }

    [Fact]
    public void The_gateway_is_exposed_with_tls_over_http2_and_only_its_public_api_is_routed()
    {
        var rendered = Kubectl.Render("dev");
        var listener = Assert.Single(Assert.Single(rendered.All<GatewayResource>()).Spec.Listeners);
        Assert.Equal(("HTTPS", 443, "Terminate"), (listener.Protocol, listener.Port, listener.Tls?.Mode));
        Assert.Equal("emuedit-gateway-tls", Assert.Single(listener.Tls!.CertificateRefs).Name);
        var route = Assert.Single(rendered.All<GrpcRoute>());
        Assert.Equal(listener.Name, Assert.Single(route.Spec.ParentRefs).SectionName);
        var services = route.Spec.Rules.SelectMany(r => r.Matches).Select(m => m.Method?.Service).ToList();
        Assert.Contains("emuedit.v1.EditingService", services);
        Assert.DoesNotContain("grpc.health.v1.Health", services);
        Assert.DoesNotContain("externalscaler.ExternalScaler", services);
        // The backend speaks cleartext HTTP/2 (prior knowledge), as the services' Kestrel endpoints do.
        Assert.Equal("kubernetes.io/h2c", rendered.One<V1Service>("gateway").Spec.Ports.Single().AppProtocol);
    }
}
