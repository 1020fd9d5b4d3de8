using System.Text.RegularExpressions;
using EmuEdit.Deploy.Tests.Support;

namespace EmuEdit.Deploy.Tests;

/// <summary>
/// The image definition of every service, as the SDK computes it: ComputeContainerConfig is the target
/// `dotnet publish -t:PublishContainer` runs before it builds layers, and it validates the repository and
/// tags itself. Only pulling the base image and pushing need a registry; that part is docs/deploy.md's.
/// </summary>
public sealed partial class ContainerImageTests
{
    private static readonly string[] Properties =
        ["ContainerRepository", "ContainerBaseImage", "ContainerUser", "ContainerImageTag", "EnableSdkContainerSupport", "IsPublishable", "ContainerWorkingDirectory"];

    private static readonly string[] Items = ["ContainerPort", "ContainerLabel", "ContainerEnvironmentVariables", "ContainerImageTags", "ContainerAppCommand"];

    public static TheoryData<string> ImageServices() =>
        new(Repository.ServiceProjects().Where(p => !p.EndsWith("EmuEdit.RedisServer.csproj", StringComparison.Ordinal)));

    private static Evaluation Image(string project, bool gpu = false) =>
        DotnetMsbuild.Evaluate(project, "ComputeContainerConfig", Properties, Items,
            gpu ? new Dictionary<string, string> { ["EmuEditGpu"] = "true" } : null);

    /// <summary>EmuEdit.DiffusionWorker -> diffusion-worker, the name k8s/ and the AppHost use.</summary>
    public static string ServiceName(string project) =>
        KebabBoundary().Replace(Path.GetFileNameWithoutExtension(project).Replace("EmuEdit.", "", StringComparison.Ordinal), "-$1").ToLowerInvariant();

    [Theory]
    [MemberData(nameof(ImageServices))]
    public void Every_service_publishes_a_non_root_image_of_its_own_on_port_8080(string project)
    {
        var name = ServiceName(project);
        var image = Image(project);

        Assert.Equal(("true", "true"), (image.Property("EnableSdkContainerSupport"), image.Property("IsPublishable")));
        Assert.Equal($"emuedit/{name}", image.Property("ContainerRepository"));
        Assert.Equal(["dev"], image.Item("ContainerImageTags").Select(t => t.Identity));
        Assert.Equal(name == "gateway" ? "mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled" : "mcr.microsoft.com/dotnet/aspnet:10.0-noble",
            image.Property("ContainerBaseImage"));
        // A number, not a name, so the kubelet can verify runAsNonRoot; and not root's.
        Assert.True(int.TryParse(image.Property("ContainerUser"), out var uid) && uid > 0, $"ContainerUser is {image.Property("ContainerUser")}");
        var port = Assert.Single(image.Item("ContainerPort"));
        Assert.Equal(("8080", "tcp"), (port.Identity, port.Meta("Type")));
        var env = image.Item("ContainerEnvironmentVariables").ToDictionary(e => e.Identity, e => e.Meta("Value"));
        Assert.Equal("8080", env["ASPNETCORE_HTTP_PORTS"]);
        Assert.Equal(Deployment.ModelDirectory, env["Model__Directory"]);
        Assert.False(env.ContainsKey("NVIDIA_DRIVER_CAPABILITIES"));
        var labels = image.Item("ContainerLabel").GroupBy(l => l.Identity).ToDictionary(g => g.Key, g => g.Last().Meta("Value"));
        Assert.Equal((name, "cpu"), (labels["cloud.emuedit.service"], labels["cloud.emuedit.variant"]));
        Assert.Contains(name, labels["org.opencontainers.image.title"], StringComparison.Ordinal);
        Assert.Equal("EmuEdit.Cloud", labels["org.opencontainers.image.authors"]);
        Assert.False(labels.ContainsKey("org.opencontainers.image.created"), "a build time in the labels makes every build a new image");
        Assert.Equal(["dotnet", $"/app/{Path.GetFileNameWithoutExtension(project)}.dll"], image.Item("ContainerAppCommand").Select(c => c.Identity));
    }

    [Fact]
    public void The_embedded_garnet_server_gets_no_image()
    {
        var project = Assert.Single(Repository.ServiceProjects(), p => p.EndsWith("EmuEdit.RedisServer.csproj", StringComparison.Ordinal));
        var evaluation = DotnetMsbuild.Evaluate(project, null, ["EnableSdkContainerSupport", "OutputType"], []);
        Assert.Equal(("false", "Exe"), (evaluation.Property("EnableSdkContainerSupport"), evaluation.Property("OutputType")));
    }

    [Fact]
    public void The_gpu_switch_tags_the_image_cuda_and_asks_for_the_driver()
    {
        var project = Assert.Single(Repository.ServiceProjects(), p => p.EndsWith("EmuEdit.DiffusionWorker.csproj", StringComparison.Ordinal));
        var image = Image(project, gpu: true);
        Assert.Equal("emuedit/diffusion-worker", image.Property("ContainerRepository"));
        Assert.Equal(["dev-cuda"], image.Item("ContainerImageTags").Select(t => t.Identity));
        var env = image.Item("ContainerEnvironmentVariables").ToDictionary(e => e.Identity, e => e.Meta("Value"));
        Assert.Equal("compute,utility", env["NVIDIA_DRIVER_CAPABILITIES"]);
        Assert.Equal("cuda", image.Item("ContainerLabel").Last(l => l.Identity == "cloud.emuedit.variant").Meta("Value"));
    }

    [Theory]
    [InlineData(false, "TorchSharp-cpu")]
    [InlineData(true, "TorchSharp-cuda-linux")]
    public void The_gpu_switch_swaps_the_torchsharp_package_and_nothing_else(bool gpu, string expected)
    {
        var model = Path.Combine(Repository.Root, "src", "EmuEdit.Model", "EmuEdit.Model.csproj");
        var evaluation = DotnetMsbuild.Evaluate(model, null, ["EmuEditGpu", "TorchSharpPackage"], ["PackageReference"],
            gpu ? new Dictionary<string, string> { ["EmuEditGpu"] = "true" } : null);
        var packages = evaluation.Item("PackageReference").Select(p => p.Identity).Where(p => p.StartsWith("TorchSharp", StringComparison.Ordinal)).Order().ToList();
        Assert.Equal([expected, "TorchSharp.PyBridge"], packages);
        // The CUDA package needs a central version too, or restore fails where a feed serves it.
        Assert.Contains($"Include=\"{expected}\"", File.ReadAllText(Path.Combine(Repository.Root, "Directory.Packages.props")), StringComparison.Ordinal);
    }

    [GeneratedRegex("(?<=[a-z0-9])([A-Z])")]
    private static partial Regex KebabBoundary();
}
