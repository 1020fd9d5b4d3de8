using k8s;
using k8s.Models;

namespace EmuEdit.Deploy.Tests.Support;

// Typed models of the kinds KubernetesClient does not ship (CRDs and kustomize's own files), with the fields
// k8s/ uses. Parsed in strict mode, so a misspelt or misplaced field fails the parse as it would the API server.

/// <summary>A custom resource with the usual envelope.</summary>
public abstract class CustomResource<TSpec> : IKubernetesObject<V1ObjectMeta> where TSpec : new()
{
    public string ApiVersion { get; set; } = "";
    public string Kind { get; set; } = "";
    public V1ObjectMeta Metadata { get; set; } = new();
    public TSpec Spec { get; set; } = new();
}

/// <summary>keda.sh/v1alpha1 ScaledObject.</summary>
public sealed class ScaledObject : CustomResource<ScaledObjectSpec>
{
    public const string ApiGroupVersion = "keda.sh/v1alpha1";
}

public sealed class ScaledObjectSpec
{
    public ScaleTargetRef ScaleTargetRef { get; set; } = new();
    public int? PollingInterval { get; set; }
    public int? CooldownPeriod { get; set; }
    public int? MinReplicaCount { get; set; }
    public int? MaxReplicaCount { get; set; }
    public ScaledObjectFallback? Fallback { get; set; }
    public ScaledObjectAdvanced? Advanced { get; set; }
    public List<ScaleTrigger> Triggers { get; set; } = [];
}

public sealed class ScaleTargetRef
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public string Name { get; set; } = "";
}

public sealed class ScaledObjectFallback
{
    public int FailureThreshold { get; set; }
    public int Replicas { get; set; }
}

public sealed class ScaledObjectAdvanced
{
    public HorizontalPodAutoscalerConfig? HorizontalPodAutoscalerConfig { get; set; }
}

public sealed class HorizontalPodAutoscalerConfig
{
    public V2HorizontalPodAutoscalerBehavior? Behavior { get; set; }
}

public sealed class ScaleTrigger
{
    public string Type { get; set; } = "";
    public string? Name { get; set; }
    public Dictionary<string, string> Metadata { get; set; } = [];
}

/// <summary>gateway.networking.k8s.io/v1 Gateway.</summary>
public sealed class GatewayResource : CustomResource<GatewaySpec>;

public sealed class GatewaySpec
{
    public string GatewayClassName { get; set; } = "";
    public List<GatewayListener> Listeners { get; set; } = [];
}

public sealed class GatewayListener
{
    public string Name { get; set; } = "";
    public string Protocol { get; set; } = "";
    public int Port { get; set; }
    public string? Hostname { get; set; }
    public GatewayTls? Tls { get; set; }
    public GatewayAllowedRoutes? AllowedRoutes { get; set; }
}

public sealed class GatewayTls
{
    public string? Mode { get; set; }
    public List<ObjectReference> CertificateRefs { get; set; } = [];
}

public sealed class GatewayAllowedRoutes
{
    public GatewayRouteNamespaces? Namespaces { get; set; }
}

public sealed class GatewayRouteNamespaces
{
    public string? From { get; set; }
}

public sealed class ObjectReference
{
    public string? Group { get; set; }
    public string? Kind { get; set; }
    public string Name { get; set; } = "";
    public string? Namespace { get; set; }
    public string? SectionName { get; set; }
    public int? Port { get; set; }
}

/// <summary>gateway.networking.k8s.io/v1 GRPCRoute.</summary>
public sealed class GrpcRoute : CustomResource<GrpcRouteSpec>;

public sealed class GrpcRouteSpec
{
    public List<ObjectReference> ParentRefs { get; set; } = [];
    public List<string> Hostnames { get; set; } = [];
    public List<GrpcRouteRule> Rules { get; set; } = [];
}

public sealed class GrpcRouteRule
{
    public List<GrpcRouteMatch> Matches { get; set; } = [];
    public List<ObjectReference> BackendRefs { get; set; } = [];
}

public sealed class GrpcRouteMatch
{
    public GrpcMethodMatch? Method { get; set; }
}

public sealed class GrpcMethodMatch
{
    public string? Type { get; set; }
    public string? Service { get; set; }
    public string? Method { get; set; }
}

/// <summary>kustomize's kustomization.yaml (Kustomization and Component), the fields k8s/ uses.</summary>
public sealed class Kustomization
{
    public string ApiVersion { get; set; } = "";
    public string Kind { get; set; } = "";
    public string? Namespace { get; set; }
    public List<string> Resources { get; set; } = [];
    public List<string> Components { get; set; } = [];
    public List<KustomizePatch> Patches { get; set; } = [];
    public List<KustomizeImage> Images { get; set; } = [];
}

public sealed class KustomizePatch
{
    public string? Path { get; set; }
    public string? Patch { get; set; }
}

public sealed class KustomizeImage
{
    public string Name { get; set; } = "";
    public string? NewName { get; set; }
    public string? NewTag { get; set; }
}
