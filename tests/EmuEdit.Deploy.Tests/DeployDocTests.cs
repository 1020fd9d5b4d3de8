using System.Text.RegularExpressions;
using EmuEdit.Deploy.Tests.Support;

namespace EmuEdit.Deploy.Tests;

/// <summary>docs/deploy.md tells an operator to create what the manifests need, and describes what k8s/ has.</summary>
public sealed partial class DeployDocTests
{
    private static readonly string Doc = File.ReadAllText(Path.Combine(Repository.Root, "docs", "deploy.md"));

    [Fact]
    public void Every_referenced_secret_is_created_by_a_command_in_the_walkthrough()
    {
        foreach (var secret in Deployment.Secrets)
            Assert.Matches(new Regex($@"kubectl -n {Deployment.Namespace} create secret (generic|tls) {Regex.Escape(secret)}\b"), Doc);
    }

    [Fact]
    public void Every_overlay_and_component_is_described()
    {
        foreach (var overlay in Repository.Overlays())
            Assert.Contains($"`{overlay}`", Doc, StringComparison.Ordinal);
        foreach (var component in Directory.GetDirectories(Path.Combine(Repository.K8s, "components")))
            Assert.Contains($"k8s/components/{Path.GetFileName(component)}", Doc, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_file_path_the_doc_names_exists()
    {
        var paths = RepoPath().Matches(Doc).Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.NotEmpty(paths);
        var missing = paths.Where(p => !File.Exists(Path.Combine(Repository.Root, p)) && !Directory.Exists(Path.Combine(Repository.Root, p))).ToList();
        Assert.True(missing.Count == 0, "docs/deploy.md names paths that do not exist: " + string.Join(", ", missing));
    }

    [GeneratedRegex(@"`((?:k8s|build|services|src|tests|protos|docs)/[A-Za-z0-9_./-]+?)/?`")]
    private static partial Regex RepoPath();
}
