using TorchSharp;
using static TorchSharp.torch;

namespace EmuEdit.Training.Tests;

internal static class WeightComparison
{
    /// <summary>Whether two modules hold bit-identical parameters and buffers.</summary>
    public static bool Identical(nn.Module a, nn.Module b)
    {
        var left = a.state_dict();
        var right = b.state_dict();
        if (left.Count != right.Count) return false;
        foreach (var (name, tensor) in left)
            if (!right.TryGetValue(name, out var other) || !SameBits(tensor, other)) return false;
        return true;
    }

    private static bool SameBits(Tensor a, Tensor b)
    {
        if (!a.shape.SequenceEqual(b.shape) || a.dtype != b.dtype) return false;
        using var same = a.eq(b).all();
        return same.item<bool>();
    }
}
