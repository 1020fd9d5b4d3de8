namespace EmuEdit.Evaluation;

/// <summary>Per-image pixel distances on [0, 1] images, averaged over pixels and channels.</summary>
public static class PixelMetrics
{
    /// <summary>Mean absolute difference over every pixel and channel (the paper's L1).</summary>
    public static double MeanAbsolute(PlanarImage a, PlanarImage b)
    {
        a.RequireSameSize(b, nameof(b));
        double sum = 0;
        for (var i = 0; i < a.Pixels.Length; i++)
        {
            sum += Math.Abs(a.Pixels[i] - b.Pixels[i]);
        }
        return sum / a.Pixels.Length;
    }

    /// <summary>
    /// Mean absolute difference over the pixels the selector picks (all channels); null when it
    /// picks none, so callers can tell "no such region" from "no difference".
    /// </summary>
    public static double? MeanAbsolute(PlanarImage a, PlanarImage b, EditMask mask, bool inside)
    {
        a.RequireSameSize(b, nameof(b));
        if (mask.Width != a.Width || mask.Height != a.Height)
        {
            throw new ArgumentException($"Mask is {mask.Width}x{mask.Height}, image {a.Width}x{a.Height}.", nameof(mask));
        }
        double sum = 0;
        long count = 0;
        var plane = a.PixelCount;
        for (var p = 0; p < plane; p++)
        {
            if (mask.IsInside(p) != inside) continue;
            for (var c = 0; c < PlanarImage.Channels; c++)
            {
                var i = c * plane + p;
                sum += Math.Abs(a.Pixels[i] - b.Pixels[i]);
            }
            count += PlanarImage.Channels;
        }
        return count == 0 ? null : sum / count;
    }

    /// <summary>Peak signal-to-noise ratio in dB for peak 1; identical images get <paramref name="maxDb"/>.</summary>
    public static double Psnr(PlanarImage a, PlanarImage b, double maxDb)
    {
        a.RequireSameSize(b, nameof(b));
        double sum = 0;
        for (var i = 0; i < a.Pixels.Length; i++)
        {
            var d = (double)a.Pixels[i] - b.Pixels[i];
            sum += d * d;
        }
        var mse = sum / a.Pixels.Length;
        return mse == 0 ? maxDb : Math.Min(maxDb, -10.0 * Math.Log10(mse));
    }
}
