using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace EmuEdit.AppHost.Tests;

public static class ImageComparison
{
    /// <summary>The largest difference of any channel of any pixel, in 8-bit levels; the sizes must match.</summary>
    public static int MaxChannelDifference(byte[] a, byte[] b)
    {
        using var left = SixLabors.ImageSharp.Image.Load<Rgb24>(a);
        using var right = SixLabors.ImageSharp.Image.Load<Rgb24>(b);
        Assert.Equal((left.Width, left.Height), (right.Width, right.Height));
        int max = 0;
        for (int y = 0; y < left.Height; y++)
        {
            for (int x = 0; x < left.Width; x++)
            {
                Rgb24 p = left[x, y], q = right[x, y];
                max = Math.Max(max, Math.Max(Math.Abs(p.R - q.R), Math.Max(Math.Abs(p.G - q.G), Math.Abs(p.B - q.B))));
            }
        }
        return max;
    }
}
