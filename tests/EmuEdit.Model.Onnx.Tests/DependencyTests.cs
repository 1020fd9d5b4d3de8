using System.Reflection;
using EmuEdit.Inference;

namespace EmuEdit.Model.Onnx.Tests;

/// <summary>The text-encoder and VAE services must run without LibTorch: nothing under EmuEdit.Inference may reference TorchSharp.</summary>
public class DependencyTests
{
    [Fact]
    public void InferenceDoesNotReachTorchSharp()
    {
        var seen = new HashSet<string>();
        var pending = new Stack<Assembly>([typeof(OnnxTextEncoder).Assembly]);
        while (pending.TryPop(out var assembly))
        {
            foreach (var reference in assembly.GetReferencedAssemblies())
            {
                Assert.False(reference.Name!.StartsWith("TorchSharp", StringComparison.Ordinal),
                    $"{assembly.GetName().Name} references {reference.Name}");
                // Follow the project's own assemblies; framework and package assemblies are leaves here.
                if (reference.Name.StartsWith("EmuEdit.", StringComparison.Ordinal) && seen.Add(reference.Name))
                    pending.Push(Assembly.Load(reference));
            }
        }
        Assert.Contains("EmuEdit.Tokenization", seen);
        Assert.Contains("EmuEdit.Onnx.Runtime", seen);
    }
}
