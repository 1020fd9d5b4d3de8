namespace EmuEdit.Evaluation.Tests;

public class BilinearResizeTests
{
    [Fact]
    public void UpsamplingAConstantImageKeepsItConstant()
    {
        var r = BilinearResize.Resize(Images.Uniform(0.3f), 5, 7);
        Assert.Equal(3 * 5 * 7, r.Length);
        Assert.All(r, v => Assert.Equal(0.3f, v, 6));
    }

    [Fact]
    public void SameSizeIsTheIdentity()
    {
        var img = Images.WithPixel(Images.Uniform(0.2f), 1, 0, 0.9f);
        Assert.Equal(img.Pixels, BilinearResize.Resize(img, 2, 2));
    }

    [Fact]
    public void AHorizontalRampIsInterpolatedLinearly()
    {
        // Two pixels 0 and 1 upsampled to four: centres at -0.25, 0.25, 0.75, 1.25 -> clamp -> 0, .25, .75, 1.
        var p = new float[] { 0, 1, 0, 1, 0, 1 };
        var r = BilinearResize.Resize(new PlanarImage(p, 2, 1), 4, 1);
        Assert.Equal(new[] { 0f, 0.25f, 0.75f, 1f }, r.Take(4).ToArray());
    }
}
