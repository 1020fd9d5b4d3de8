using TorchSharp;
using static TorchSharp.torch;

namespace EmuEdit.Model.Networks;

/// <summary>
/// Tensor-and-number arithmetic whose Scalar lives through the native call. TorchSharp's operators take an
/// implicit Scalar that nothing references once its handle is read, so the GC may finalise (free) it while
/// LibTorch still reads it; a training run died of that once in ~21,000 steps (a garbage Scalar tag). The
/// sampler and the image conversions run these on every step of every job, so they use these instead, and the
/// networks' residual adds use <see cref="Plus(Tensor, Tensor)"/>.
/// </summary>
public static class ScalarArithmetic
{
    // Tensor + tensor passes an implicit alpha of 1 the same way (a decoder run died of it in
    // AutoencoderEncoder's residual add); this one is never freed.
    private static readonly Scalar One = 1;

    /// <summary><paramref name="tensor"/> + <paramref name="other"/>, a new tensor (the residual adds of every block).</summary>
    public static Tensor Plus(this Tensor tensor, Tensor other)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        ArgumentNullException.ThrowIfNull(other);
        return tensor.add(other, One);
    }

    /// <summary><paramref name="tensor"/> × <paramref name="factor"/>, a new tensor.</summary>
    public static Tensor Times(this Tensor tensor, double factor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        using Scalar scalar = factor;
        return tensor.mul(scalar);
    }

    /// <summary><paramref name="tensor"/> + <paramref name="addend"/>, a new tensor.</summary>
    public static Tensor Plus(this Tensor tensor, double addend)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        using Scalar scalar = addend;
        // add(Scalar) passes an implicit alpha of 1 as well; the process-lifetime One instead.
        return tensor.add(scalar, One);
    }

    /// <summary><paramref name="tensor"/> clamped to [<paramref name="lowest"/>, <paramref name="highest"/>], a new tensor.</summary>
    public static Tensor ClampTo(this Tensor tensor, double lowest, double highest)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        using Scalar low = lowest, high = highest;
        return tensor.clamp(low, high);
    }
}
