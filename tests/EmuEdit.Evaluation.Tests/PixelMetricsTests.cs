namespace EmuEdit.Evaluation.Tests;

public class PixelMetricsTests
{
    [Fact]
    public void L1IsTheMeanOverPixelsAndChannels()
    {
        // One of four pixels differs by 0.4 in all three channels: 0.4 * 3 / 12 = 0.1.
        var a = Images.Uniform(0.5f);
        var b = Images.WithPixel(a, 1, 1, 0.9f);
        Assert.Equal(0.1, PixelMetrics.MeanAbsolute(a, b), 6);
    }

    [Fact]
    public void MaskedL1CountsOnlyTheChosenRegion()
    {
        var a = Images.Uniform(0.5f);
        var b = Images.WithPixel(Images.WithPixel(a, 0, 0, 0.7f), 1, 0, 0.6f);
        var mask = Images.TopLeft();
        Assert.Equal(0.2, PixelMetrics.MeanAbsolute(a, b, mask, inside: true)!.Value, 6);
        // Outside: three pixels, one of which differs by 0.1: 0.1 / 3.
        Assert.Equal(0.1 / 3, PixelMetrics.MeanAbsolute(a, b, mask, inside: false)!.Value, 6);
    }

    [Fact]
    public void MaskedL1OfAnEmptyRegionIsNull()
    {
        var a = Images.Uniform(0.5f);
        Assert.Null(PixelMetrics.MeanAbsolute(a, a, EditMask.Full(2, 2), inside: false));
    }

    [Fact]
    public void PsnrMatchesTheFormula()
    {
        // MSE = 0.1^2 * 3 / 12 = 0.0025 -> PSNR = -10 log10(0.0025) = 26.0206 dB.
        var a = Images.Uniform(0.5f);
        var b = Images.WithPixel(a, 0, 1, 0.6f);
        Assert.Equal(26.0206, PixelMetrics.Psnr(a, b, 100), 3);
        Assert.Equal(100, PixelMetrics.Psnr(a, a, 100));
    }

    [Fact]
    public void MismatchedSizesAreRejected()
    {
        Assert.Throws<ArgumentException>(() => PixelMetrics.MeanAbsolute(Images.Uniform(0, 2, 2), Images.Uniform(0, 3, 2)));
        Assert.Throws<ArgumentException>(() => new PlanarImage(new float[5], 2, 2));
    }
}
