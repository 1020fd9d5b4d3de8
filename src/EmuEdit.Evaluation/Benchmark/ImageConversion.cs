using EmuEdit.Data.Imaging;

namespace EmuEdit.Evaluation.Benchmark;

/// <summary>Between the data library's interleaved images and the metrics' planar ones.</summary>
public static class ImageConversion
{
    public static PlanarImage ToPlanar(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var plane = image.Width * image.Height;
        var pixels = new float[PlanarImage.Channels * plane];
        for (var p = 0; p < plane; p++)
        {
            for (var c = 0; c < PlanarImage.Channels; c++) pixels[c * plane + p] = image.Data[p * 3 + c];
        }
        return new PlanarImage(pixels, image.Width, image.Height);
    }

    public static RgbImage ToRgb(PlanarImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var plane = image.PixelCount;
        var rgb = new RgbImage(image.Width, image.Height);
        for (var p = 0; p < plane; p++)
        {
            for (var c = 0; c < PlanarImage.Channels; c++) rgb.Data[p * 3 + c] = image.Pixels[c * plane + p];
        }
        return rgb;
    }

    public static EditMask ToMask(GrayImage mask) => new((float[])mask.Data.Clone(), mask.Width, mask.Height);
}
