using EmuEdit.Model.Networks;
using static TorchSharp.torch;

namespace EmuEdit.Model.Diffusion;

/// <summary>
/// The v-prediction identities over per-row coefficients signal = sqrt(ab) and sigma = sqrt(1-ab)
/// (signal² + sigma² = 1), shared by the schedule, the sampler and the loss.
/// </summary>
internal static class VelocityAlgebra
{
    /// <summary>Per-row [B, 1, ...] coefficient tensors on <paramref name="like"/>'s device and dtype.</summary>
    public static (Tensor Signal, Tensor Sigma) CoefficientsFor(double[] alphaBars, Tensor like)
    {
        var signal = new double[alphaBars.Length];
        var sigma = new double[alphaBars.Length];
        for (var i = 0; i < alphaBars.Length; i++)
        {
            signal[i] = Math.Sqrt(alphaBars[i]);
            sigma[i] = Math.Sqrt(1 - alphaBars[i]);
        }
        return (RowTensor(signal, like), RowTensor(sigma, like));
    }

    /// <summary>a·x + b·y.</summary>
    public static Tensor Mix(Tensor a, Tensor x, Tensor b, Tensor y)
    {
        using var ax = a * x;
        using var by = b * y;
        return ax.Plus(by);
    }

    public static Tensor Velocity(Tensor signal, Tensor sigma, Tensor x0, Tensor noise)
    {
        using var sn = signal * noise;
        using var sx = sigma * x0;
        return sn - sx;
    }

    public static Tensor X0(Tensor signal, Tensor sigma, Tensor xt, Tensor v)
    {
        using var sx = signal * xt;
        using var sv = sigma * v;
        return sx - sv;
    }

    public static Tensor Noise(Tensor signal, Tensor sigma, Tensor xt, Tensor v) => Mix(sigma, xt, signal, v);

    private static Tensor RowTensor(double[] values, Tensor like)
    {
        var shape = new long[like.dim()];
        Array.Fill(shape, 1L);
        shape[0] = values.Length;
        using var t = tensor(values, ScalarType.Float64);
        using var r = t.reshape(shape);
        return r.to(like.dtype, like.device);
    }
}
