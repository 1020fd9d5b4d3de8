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

    /// <summary>Whether two modules hold the same parameters and buffers to within <paramref name="tolerance"/> (max absolute difference).</summary>
    public static bool Close(nn.Module a, nn.Module b, double tolerance)
    {
        var left = a.state_dict();
        var right = b.state_dict();
        if (left.Count != right.Count) return false;
        foreach (var (name, tensor) in left)
        {
            if (!right.TryGetValue(name, out var other) || !tensor.shape.SequenceEqual(other.shape)) return false;
            using var difference = (tensor.to_type(ScalarType.Float64) - other.to_type(ScalarType.Float64)).abs().max();
            if (difference.item<double>() > tolerance) return false;
        }
        return true;
    }

    private static bool SameBits(Tensor a, Tensor b)
    {
        if (!a.shape.SequenceEqual(b.shape) || a.dtype != b.dtype) return false;
        using var same = a.eq(b).all();
        return same.item<bool>();
    }
}
