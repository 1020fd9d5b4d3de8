using k8s;
using k8s.Models;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace EmuEdit.Deploy.Tests.Support;

/// <summary>YAML to typed Kubernetes objects, strictly: an unknown kind or field is an error.</summary>
public static class Manifests
{
    /// <summary>The kinds KubernetesClient lacks, by apiVersion/kind as its type map keys them.</summary>
    private static readonly Dictionary<string, Type> CustomKinds = new()
    {
        [$"{ScaledObject.ApiGroupVersion}/ScaledObject"] = typeof(ScaledObject),
        ["gateway.networking.k8s.io/v1/Gateway"] = typeof(GatewayResource),
        ["gateway.networking.k8s.io/v1/GRPCRoute"] = typeof(GrpcRoute),
    };

    /// <summary>Every document of <paramref name="yaml"/>, as its typed object.</summary>
    public static List<IKubernetesObject<V1ObjectMeta>> Parse(string yaml, string source)
    {
        List<object> objects;
        try
        {
            objects = KubernetesYaml.LoadAllFromString(yaml, CustomKinds, strict: true);
        }
        catch (Exception error) when (error is YamlDotNet.Core.YamlException or KeyNotFoundException or InvalidOperationException)
        {
            throw new InvalidOperationException($"{source} does not parse into typed Kubernetes objects: {error.Message} {error.InnerException?.Message}", error);
        }
        return objects.Select(o => o as IKubernetesObject<V1ObjectMeta>
            ?? throw new InvalidOperationException($"{source}: {o.GetType().Name} is not a Kubernetes object with metadata")).ToList();
    }

    public static List<IKubernetesObject<V1ObjectMeta>> ParseFile(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>A kustomization.yaml, strictly.</summary>
    public static Kustomization ParseKustomization(string path)
    {
        var deserializer = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build();
        return deserializer.Deserialize<Kustomization>(File.ReadAllText(path))
            ?? throw new InvalidOperationException($"{path} is empty");
    }

    public static string Describe(this IKubernetesObject<V1ObjectMeta> o) => $"{o.Kind}/{o.Metadata.Name}";
}
