using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace EmuEdit.Pipeline.Tests.Support;

/// <summary>
/// Batched and single runs do the same arithmetic per job, but LibTorch's CPU kernels block their loops by
/// batch size, so float sums can differ in the last bits; after 8-bit quantisation that shows as a rare
/// pixel one level off. This is the comparison for results produced under different batch compositions.
/// </summary>
public static class ImageAssert
{
    /// <summary>At most one level apart anywhere, and identical on all but <paramref name="maxDifferingFraction"/> of pixels.</summary>
    public static void Close(byte[] expectedFile, byte[] actualFile, double maxDifferingFraction = 0.01)
    {
        using var expected = Image.Load<Rgb24>(expectedFile);
        using var actual = Image.Load<Rgb24>(actualFile);
        Assert.Equal((expected.Width, expected.Height), (actual.Width, actual.Height));
        int worst = 0, differing = 0;
        for (var y = 0; y < expected.Height; y++)
            for (var x = 0; x < expected.Width; x++)
            {
                var (e, a) = (expected[x, y], actual[x, y]);
                var d = Math.Max(Math.Abs(e.R - a.R), Math.Max(Math.Abs(e.G - a.G), Math.Abs(e.B - a.B)));
                worst = Math.Max(worst, d);
                if (d > 0) differing++;
            }
        Assert.True(worst <= 1, $"a pixel differs by {worst} levels");
        Assert.True(differing <= maxDifferingFraction * expected.Width * expected.Height, $"{differing} pixels differ");
    }
}
