using EmuEdit.Deploy.Tests.Support;
using k8s;
using k8s.Models;

namespace EmuEdit.Deploy.Tests;

/// <summary>
/// The files under k8s/ as written, without kustomize: each document parses into a typed object, each
/// kustomization lists files that exist, each patch has something to patch, and no file is left out.
/// </summary>
public sealed class ManifestFileTests
{
    private static IEnumerable<string> KustomizationFiles() =>
        Directory.EnumerateFiles(Repository.K8s, "kustomization.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal);

    private static IEnumerable<string> ManifestFiles() =>
        Directory.EnumerateFiles(Repository.K8s, "*.yaml", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) != "kustomization.yaml").Order(StringComparer.Ordinal);

    public static TheoryData<string> Manifests_() => new(ManifestFiles().Select(f => Path.GetRelativePath(Repository.K8s, f)));

    public static TheoryData<string> Kustomizations() => new(KustomizationFiles().Select(f => Path.GetRelativePath(Repository.K8s, f)));

    [Theory]
    [MemberData(nameof(Manifests_))]
    public void Every_document_parses_into_a_typed_kubernetes_object(string file)
    {
        var objects = Manifests.ParseFile(Path.Combine(Repository.K8s, file));
        Assert.NotEmpty(objects);
        foreach (var o in objects)
        {
            Assert.False(string.IsNullOrEmpty(o.ApiVersion), $"{file}: a document without apiVersion");
            Assert.False(string.IsNullOrEmpty(o.Metadata?.Name), $"{file}: a {o.Kind} without a name");
        }
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void Every_kustomization_lists_files_that_exist_and_its_patches_parse_and_have_a_target(string file)
    {
        var path = Path.Combine(Repository.K8s, file);
        var dir = Path.GetDirectoryName(path)!;
        var kustomization = Manifests.ParseKustomization(path);
        Assert.Contains(kustomization.Kind, new[] { "Kustomization", "Component" });
        foreach (var entry in kustomization.Resources.Concat(kustomization.Components))
        {
            var target = Path.GetFullPath(Path.Combine(dir, entry));
            Assert.True(File.Exists(target) || File.Exists(Path.Combine(target, "kustomization.yaml")),
                $"{file} lists {entry}, which is neither a file nor a folder with a kustomization.yaml");
        }

        var targets = Built(path).Select(Key).ToHashSet();
        foreach (var patch in kustomization.Patches)
        {
            Assert.True(patch.Path is null != (patch.Patch is null), $"{file}: a patch needs a path or an inline patch, not both");
            string yaml;
            if (patch.Path is not null)
            {
                var patchFile = Path.Combine(dir, patch.Path);
                Assert.True(File.Exists(patchFile), $"{file} patches with {patch.Path}, which does not exist");
                yaml = File.ReadAllText(patchFile);
            }
            else
            {
                // "$patch: delete" is kustomize's directive, not a field of the object.
                yaml = string.Join('\n', patch.Patch!.Split('\n').Where(l => !l.TrimStart().StartsWith("$patch:", StringComparison.Ordinal)));
            }
            foreach (var o in Manifests.Parse(yaml, $"{file}: patch {patch.Path ?? "(inline)"}"))
                Assert.True(targets.Contains(Key(o)), $"{file}: the patch for {o.Describe()} finds no such object in what it builds on");
        }
    }

    [Fact]
    public void Every_manifest_file_is_used_by_a_kustomization_or_is_a_tool()
    {
        var listed = KustomizationFiles().SelectMany(k =>
        {
            var dir = Path.GetDirectoryName(k)!;
            var kz = Manifests.ParseKustomization(k);
            return kz.Resources.Concat(kz.Patches.Select(p => p.Path).OfType<string>()).Select(e => Path.GetFullPath(Path.Combine(dir, e)));
        }).ToHashSet();
        var tools = Path.Combine(Repository.K8s, "tools");
        var orphans = ManifestFiles().Where(f => !listed.Contains(f) && !f.StartsWith(tools, StringComparison.Ordinal)).ToList();
        Assert.True(orphans.Count == 0, "not listed by any kustomization: " + string.Join(", ", orphans));
    }

    [Fact]
    public void Every_overlay_and_component_builds_on_the_base()
    {
        foreach (var overlay in Repository.Overlays())
        {
            var kz = Manifests.ParseKustomization(Path.Combine(Repository.K8s, "overlays", overlay, "kustomization.yaml"));
            Assert.Contains("../../base", kz.Resources);
        }
    }

    /// <summary>The objects a kustomization starts from: its resources (files or folders, recursively) and its components' resources.</summary>
    private static IEnumerable<IKubernetesObject<V1ObjectMeta>> Built(string kustomizationPath)
    {
        var dir = Path.GetDirectoryName(kustomizationPath)!;
        var kz = Manifests.ParseKustomization(kustomizationPath);
        var objects = new List<IKubernetesObject<V1ObjectMeta>>();
        foreach (var entry in kz.Resources.Concat(kz.Components))
        {
            var target = Path.GetFullPath(Path.Combine(dir, entry));
            if (File.Exists(target)) objects.AddRange(Manifests.ParseFile(target));
            else objects.AddRange(Built(Path.Combine(target, "kustomization.yaml")));
        }
        // A component patches what the kustomization that includes it builds: its parents' objects count too.
        if (kz.Kind == "Component") objects.AddRange(BaseObjects());
        return objects;
    }

    private static IEnumerable<IKubernetesObject<V1ObjectMeta>> BaseObjects() => Built(Path.Combine(Repository.K8s, "base", "kustomization.yaml"));

    private static string Key(IKubernetesObject<V1ObjectMeta> o) => $"{o.Kind}/{o.Metadata.Name}";
}
