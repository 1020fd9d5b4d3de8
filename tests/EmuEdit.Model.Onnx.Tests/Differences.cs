namespace EmuEdit.Model.Onnx.Tests;

internal static class Differences
{
    /// <summary>Largest |expected - actual|; fails on a length mismatch or a NaN in <paramref name="actual"/>.</summary>
    public static float MaxAbs(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        var max = 0f;
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.False(float.IsNaN(actual[i]), $"NaN at {i}");
            max = MathF.Max(max, MathF.Abs(expected[i] - actual[i]));
        }
        return max;
    }

    /// <summary>PSNR in dB of <paramref name="reconstructed"/> against <paramref name="reference"/>, both in [-1, 1] (peak-to-peak 2).</summary>
    public static double Psnr(float[] reference, float[] reconstructed)
    {
        Assert.Equal(reference.Length, reconstructed.Length);
        double sum = 0;
        for (var i = 0; i < reference.Length; i++)
        {
            double d = reference[i] - reconstructed[i];
            sum += d * d;
        }
        const double peak = 2;
        return 10 * Math.Log10(peak * peak / (sum / reference.Length));
    }
}
