using static TorchSharp.torch;

namespace EmuEdit.Model.Tests.Diffusion;

internal static class TensorAssertions
{
    /// <summary>Same shape and every element bit-identical.</summary>
    public static bool IsBitEqual(this Tensor a, Tensor b)
    {
        if (!a.shape.SequenceEqual(b.shape)) return false;
        using var eq = a.eq(b);
        using var all = eq.all();
        return all.item<bool>();
    }

    public static float MaxAbsDiff(this Tensor a, Tensor b)
    {
        using var d = a - b;
        using var abs = d.abs();
        using var max = abs.max();
        return max.item<float>();
    }
}
