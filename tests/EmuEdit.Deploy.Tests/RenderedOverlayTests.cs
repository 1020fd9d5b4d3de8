using System.Text.RegularExpressions;
using EmuEdit.Deploy.Tests.Support;
using k8s.Models;
using Microsoft.Extensions.Hosting;

namespace EmuEdit.Deploy.Tests;

/// <summary>
/// Each overlay as `kubectl apply -k` would send it (rendered by kubectl's kustomize, parsed strictly):
/// selectors find their pods, every container is probed and bounded, every reference resolves, and
/// nothing inside the namespace is reachable unless a policy says so.
/// </summary>
public sealed partial class RenderedOverlayTests
{
    public static TheoryData<string> Overlays() => new(Repository.Overlays());

    [Fact]
    public void The_overlays_are_the_ones_docs_deploy_md_describes()
    {
        Assert.Equal(["dev", "external-redis", "gpu", "hpa"], Repository.Overlays());
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_selector_matches_its_pod_labels_and_every_service_finds_pods_and_ports(string overlay)
    {
        var rendered = Kubectl.Render(overlay);
        Assert.All(rendered.Objects, o => Assert.Equal(Deployment.Namespace, o.Kind == "Namespace" ? o.Metadata.Name : o.Metadata.NamespaceProperty));
        foreach (var (owner, template, selector) in rendered.Workloads())
        {
            Assert.NotEmpty(selector.MatchLabels);
            Assert.True(Matches(selector.MatchLabels, template.Metadata.Labels), $"{overlay}: {owner.Describe()}'s selector does not match its pod labels");
        }
        foreach (var service in rendered.All<V1Service>())
        {
            var pods = rendered.Workloads().Where(w => Matches(service.Spec.Selector, w.Template.Metadata.Labels)).ToList();
            Assert.True(pods.Count == 1, $"{overlay}: Service {service.Metadata.Name} selects {pods.Count} workloads");
            var ports = pods[0].Template.Spec.Containers.SelectMany(c => c.Ports ?? []).ToList();
            foreach (var port in service.Spec.Ports)
                Assert.Contains(ports, p => p.Name == port.TargetPort?.Value || p.ContainerPort.ToString(System.Globalization.CultureInfo.InvariantCulture) == port.TargetPort?.Value);
        }
        foreach (var route in rendered.All<GrpcRoute>())
            foreach (var backend in route.Spec.Rules.SelectMany(r => r.BackendRefs))
                Assert.Contains(rendered.All<V1Service>(), s => s.Metadata.Name == backend.Name && s.Spec.Ports.Any(p => p.Port == backend.Port));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_container_has_probes_requests_limits_and_runs_unprivileged(string overlay)
    {
        var rendered = Kubectl.Render(overlay);
        foreach (var (owner, template, _) in rendered.Workloads())
        {
            var pod = template.Spec;
            Assert.True(pod.SecurityContext?.RunAsNonRoot == true && pod.SecurityContext.RunAsUser > 0, $"{owner.Describe()} may run as root");
            Assert.False(pod.AutomountServiceAccountToken ?? true, $"{owner.Describe()} mounts an API token it does not use");
            Assert.Contains(rendered.All<V1ServiceAccount>(), a => a.Metadata.Name == pod.ServiceAccountName);
            foreach (var c in pod.Containers)
            {
                var where = $"{overlay}: {owner.Describe()}/{c.Name}";
                Assert.True(c.ReadinessProbe is not null && c.LivenessProbe is not null, $"{where} lacks a readiness or liveness probe");
                foreach (var resource in new[] { "cpu", "memory" })
                {
                    Assert.True(c.Resources?.Limits?.ContainsKey(resource) == true, $"{where} has no {resource} limit");
                    Assert.True(c.Resources?.Requests?.ContainsKey(resource) == true, $"{where} has no {resource} request");
                    Assert.True(c.Resources.Requests[resource].ToDecimal() <= c.Resources.Limits[resource].ToDecimal(), $"{where}: {resource} request above its limit");
                }
                Assert.False(c.SecurityContext?.AllowPrivilegeEscalation ?? true, $"{where} allows privilege escalation");
                Assert.True(c.SecurityContext?.ReadOnlyRootFilesystem == true, $"{where} has a writable root filesystem");
                Assert.Contains("ALL", c.SecurityContext?.Capabilities?.Drop ?? []);
                Assert.Matches(@":[\w.-]+$", c.Image);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void The_dotnet_services_are_probed_over_grpc_health_with_liveness_apart_from_readiness(string overlay)
    {
        var rendered = Kubectl.Render(overlay);
        foreach (var name in Deployment.DotnetServices)
        {
            var c = rendered.One<V1Deployment>(name).Spec.Template.Spec.Containers.Single();
            Assert.Contains(c.Ports, p => p.ContainerPort == Deployment.GrpcPort && p.Name == "grpc");
            foreach (var probe in new[] { c.StartupProbe, c.ReadinessProbe })
                Assert.Equal((Deployment.GrpcPort, null), (probe?.Grpc?.Port, string.IsNullOrEmpty(probe?.Grpc?.Service) ? null : probe.Grpc.Service));
            Assert.Equal((Deployment.GrpcPort, Extensions.LivenessService), (c.LivenessProbe?.Grpc?.Port, c.LivenessProbe?.Grpc?.Service));
            Assert.Equal($"emuedit/{name}", c.Image.Split(':')[0]);
            Assert.Equal(name, rendered.Env(c, "OTEL_SERVICE_NAME"));
            Assert.StartsWith("http://dashboard:", rendered.Env(c, "OTEL_EXPORTER_OTLP_ENDPOINT"), StringComparison.Ordinal);
        }
        // The OTLP endpoint is the dashboard Service's OTLP port.
        var otlp = new Uri(rendered.Config.Data["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        Assert.Contains(rendered.One<V1Service>("dashboard").Spec.Ports, p => p.Port == otlp.Port);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_reference_resolves_config_maps_claims_secrets_and_env_expansions(string overlay)
    {
        var rendered = Kubectl.Render(overlay);
        foreach (var (owner, template, _) in rendered.Workloads())
        {
            foreach (var volume in template.Spec.Volumes ?? [])
                if (volume.PersistentVolumeClaim is { } claim)
                    Assert.Contains(rendered.All<V1PersistentVolumeClaim>(), p => p.Metadata.Name == claim.ClaimName);
            foreach (var c in template.Spec.Containers)
            {
                foreach (var source in c.EnvFrom ?? [])
                    Assert.Contains(rendered.All<V1ConfigMap>(), m => m.Metadata.Name == source.ConfigMapRef?.Name);
                var defined = new HashSet<string>((c.EnvFrom ?? []).SelectMany(s => rendered.All<V1ConfigMap>().Single(m => m.Metadata.Name == s.ConfigMapRef.Name).Data.Keys));
                foreach (var e in c.Env ?? [])
                {
                    // The kubelet expands $(NAME) only from variables defined before this one.
                    foreach (Match reference in EnvReference().Matches(e.Value ?? ""))
                        Assert.True(defined.Contains(reference.Groups[1].Value), $"{overlay}: {owner.Describe()}/{c.Name}: {e.Name} uses $({reference.Groups[1].Value}) before it is defined");
                    if (e.ValueFrom?.SecretKeyRef is { } secret) Assert.Contains(secret.Name, Deployment.Secrets);
                    if (e.ValueFrom?.ConfigMapKeyRef is { } key) Assert.Contains(rendered.All<V1ConfigMap>(), m => m.Metadata.Name == key.Name && m.Data.ContainsKey(key.Key));
                    defined.Add(e.Name);
                }
            }
        }
        foreach (var gateway in rendered.All<GatewayResource>())
            foreach (var certificate in gateway.Spec.Listeners.SelectMany(l => l.Tls?.CertificateRefs ?? []))
                Assert.Contains(certificate.Name, Deployment.Secrets);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void The_model_is_mounted_read_only_where_the_images_look_for_it(string overlay)
    {
        var rendered = Kubectl.Render(overlay);
        Assert.Equal(Deployment.ModelDirectory, rendered.Config.Data["Model__Directory"]);
        foreach (var name in Deployment.DotnetServices)
        {
            var pod = rendered.One<V1Deployment>(name).Spec.Template.Spec;
            var mount = Assert.Single(pod.Containers.Single().VolumeMounts, m => Deployment.ModelDirectory.StartsWith(m.MountPath + "/", StringComparison.Ordinal));
            Assert.True(mount.ReadOnlyProperty, $"{name} mounts the model writable");
            Assert.Equal("emuedit-model", pod.Volumes.Single(v => v.Name == mount.Name).PersistentVolumeClaim.ClaimName);
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_pod_but_the_public_gateway_is_closed_to_all_but_named_peers(string overlay)
    {
        var rendered = Kubectl.Render(overlay);
        var policies = rendered.All<V1NetworkPolicy>().ToList();
        Assert.Contains(policies, p => p.Spec.PodSelector.MatchLabels is null or { Count: 0 } && p.Spec.Ingress is null or { Count: 0 } && p.Spec.PolicyTypes.Contains("Ingress"));
        foreach (var (owner, template, _) in rendered.Workloads())
        {
            var applying = policies.Where(p => Matches(p.Spec.PodSelector.MatchLabels, template.Metadata.Labels)).ToList();
            var open = applying.SelectMany(p => p.Spec.Ingress ?? []).Where(rule => rule.FromProperty is null or { Count: 0 }).ToList();
            if (owner.Metadata.Name == "gateway")
                Assert.All(open, rule => Assert.All(rule.Ports, p => Assert.Equal(Deployment.GrpcPort.ToString(System.Globalization.CultureInfo.InvariantCulture), p.Port.Value)));
            else
                Assert.True(open.Count == 0, $"{overlay}: a policy opens {owner.Describe()} to every peer");
        }
        // The model services admit the pods that call them.
        foreach (var client in Deployment.QueueWorkers)
        {
            var labels = rendered.One<V1Deployment>(client).Spec.Template.Metadata.Labels;
            foreach (var model in new[] { "task-predictor", "text-encoder", "vae-decoder" })
                Assert.True(Admits(policies, rendered.One<V1Deployment>(model).Spec.Template.Metadata.Labels, labels, Deployment.GrpcPort),
                    $"{overlay}: {client} cannot reach {model}");
        }
        if (rendered.All<V1StatefulSet>().Any(s => s.Metadata.Name == "redis"))
        {
            var redis = rendered.One<V1StatefulSet>("redis").Spec.Template.Metadata.Labels;
            foreach (var client in new[] { "gateway", "diffusion-worker", "inversion" })
                Assert.True(Admits(policies, redis, rendered.One<V1Deployment>(client).Spec.Template.Metadata.Labels, 6379), $"{overlay}: {client} cannot reach redis");
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Queue_workers_get_a_grace_period_that_covers_their_drain_and_hand_back(string overlay)
    {
        var rendered = Kubectl.Render(overlay);
        foreach (var name in Deployment.QueueWorkers)
        {
            var pod = rendered.One<V1Deployment>(name).Spec.Template.Spec;
            var c = pod.Containers.Single();
            var drain = TimeSpan.Parse(rendered.Env(c, "Worker__DrainTimeout")!, System.Globalization.CultureInfo.InvariantCulture);
            var handBack = TimeSpan.Parse(rendered.Env(c, "Worker__HandBackTimeout")!, System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(drain > TimeSpan.Zero && handBack > TimeSpan.Zero);
            // The SIGTERM tests measured exits within the drain plus at most a few seconds; 5 s of slack for the runtime.
            Assert.True(pod.TerminationGracePeriodSeconds >= (drain + handBack).TotalSeconds + 5,
                $"{overlay}: {name}'s grace period {pod.TerminationGracePeriodSeconds} s does not cover drain {drain} + hand back {handBack} + 5 s");
            Assert.Equal("$(POD_NAME)", rendered.Env(c, "Worker__WorkerId"));
        }
    }

    private static bool Admits(IEnumerable<V1NetworkPolicy> policies, IDictionary<string, string> target, IDictionary<string, string> peer, int port) =>
        policies.Where(p => Matches(p.Spec.PodSelector.MatchLabels, target))
            .SelectMany(p => p.Spec.Ingress ?? [])
            .Any(rule => (rule.Ports is null || rule.Ports.Any(p => p.Port.Value == port.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                && (rule.FromProperty is null or { Count: 0 } || rule.FromProperty.Any(f => f.PodSelector is { } s && f.NamespaceSelector is null && Matches(s.MatchLabels, peer))));

    /// <summary>Whether every pair of <paramref name="selector"/> is among <paramref name="labels"/> (an empty selector matches all).</summary>
    public static bool Matches(IDictionary<string, string>? selector, IDictionary<string, string>? labels) =>
        selector is null || selector.All(pair => labels?.TryGetValue(pair.Key, out var v) == true && v == pair.Value);

    [GeneratedRegex(@"\$\(([A-Za-z_][A-Za-z0-9_]*)\)")]
    private static partial Regex EnvReference();
}
