using EmuEdit.Data.Imaging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

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

    /// <summary>Decodes an encoded image (PNG, JPEG) to planar [0, 1] pixels.</summary>
    public static PlanarImage FromEncoded(ReadOnlySpan<byte> bytes)
    {
        using var image = Image.Load<Rgb24>(bytes);
        int w = image.Width, h = image.Height, plane = w * h;
        var pixels = new float[PlanarImage.Channels * plane];
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < h; y++)
            {
                var row = rows.GetRowSpan(y);
                for (var x = 0; x < w; x++)
                {
                    var i = y * w + x;
                    pixels[i] = row[x].R / 255f;
                    pixels[plane + i] = row[x].G / 255f;
                    pixels[2 * plane + i] = row[x].B / 255f;
                }
            }
        });
        return new PlanarImage(pixels, w, h);
    }
}
