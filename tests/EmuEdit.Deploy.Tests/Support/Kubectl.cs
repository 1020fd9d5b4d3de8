using System.Collections.Concurrent;
using System.Diagnostics;
using k8s;
using k8s.Models;

namespace EmuEdit.Deploy.Tests.Support;

/// <summary>
/// `kubectl kustomize`: the same kustomize that `kubectl apply -k` runs, offline. kubectl comes with the
/// machines this project builds on (Debian's kubectl package from the Google Cloud SDK repository).
/// </summary>
public static class Kubectl
{
    private static readonly ConcurrentDictionary<string, Lazy<Rendered>> Cache = new();

    /// <summary>An overlay rendered and parsed; rendered once per test run.</summary>
    public static Rendered Render(string overlay) =>
        Cache.GetOrAdd(overlay, name => new Lazy<Rendered>(() => RenderNow(name))).Value;

    private static Rendered RenderNow(string overlay)
    {
        var dir = Path.Combine(Repository.K8s, "overlays", overlay);
        var start = new ProcessStartInfo(Executable())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("kustomize");
        start.ArgumentList.Add(dir);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("kubectl did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2))) { process.Kill(); throw new TimeoutException($"kubectl kustomize {dir} took over 2 minutes"); }
        if (process.ExitCode != 0) throw new InvalidOperationException($"kubectl kustomize {dir} failed ({process.ExitCode}): {stderr.Result}");
        return new Rendered(overlay, Manifests.Parse(stdout.Result, $"kubectl kustomize {dir}"));
    }

    private static string Executable()
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/bin", "/usr/local/bin"])
            .Select(d => Path.Combine(d, "kubectl"))
            .FirstOrDefault(File.Exists);
        return found ?? throw new InvalidOperationException(
            "kubectl was not found on PATH: the overlay tests render k8s/overlays with `kubectl kustomize` (install kubectl 1.27 or later).");
    }
}

/// <summary>One overlay's objects as `kubectl apply -k` would send them.</summary>
public sealed record Rendered(string Overlay, IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Objects)
{
    public IEnumerable<T> All<T>() => Objects.OfType<T>();

    public T One<T>(string name) where T : IKubernetesObject<V1ObjectMeta> =>
        Objects.OfType<T>().SingleOrDefault(o => o.Metadata.Name == name)
        ?? throw new InvalidOperationException($"{Overlay}: no {typeof(T).Name} named {name}");

    /// <summary>Every pod template with the object that owns it (Deployments and StatefulSets).</summary>
    public IEnumerable<(IKubernetesObject<V1ObjectMeta> Owner, V1PodTemplateSpec Template, V1LabelSelector Selector)> Workloads() =>
        All<V1Deployment>().Select(d => ((IKubernetesObject<V1ObjectMeta>)d, d.Spec.Template, d.Spec.Selector))
            .Concat(All<V1StatefulSet>().Select(s => ((IKubernetesObject<V1ObjectMeta>)s, s.Spec.Template, s.Spec.Selector)));

    public V1ConfigMap Config => One<V1ConfigMap>("emuedit-config");

    /// <summary>The value a container sees for <paramref name="name"/>: its own env first, else a ConfigMap it imports.</summary>
    public string? Env(V1Container container, string name)
    {
        var own = container.Env?.LastOrDefault(e => e.Name == name);
        if (own is not null) return own.Value;
        foreach (var source in container.EnvFrom ?? [])
            if (source.ConfigMapRef is { } map && All<V1ConfigMap>().FirstOrDefault(c => c.Metadata.Name == map.Name)?.Data?.TryGetValue(name, out var value) == true)
                return value;
        return null;
    }

    /// <summary>Whether <paramref name="container"/> defines <paramref name="name"/> at all (a value, a reference or an import).</summary>
    public bool Defines(V1Container container, string name) =>
        container.Env?.Any(e => e.Name == name) == true || Env(container, name) is not null;
}
