using EmuEdit.Data.Imaging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace EmuEdit.Cli.FewShot;

/// <summary>Dataset images as the PNG files the edit engine takes.</summary>
internal static class Pngs
{
    public static byte[] Encode(RgbImage image)
    {
        using var png = new Image<Rgb24>(image.Width, image.Height);
        for (int y = 0; y < image.Height; y++)
        {
            for (int x = 0; x < image.Width; x++)
            {
                int i = (y * image.Width + x) * 3;
                png[x, y] = new Rgb24(Byte(image.Data[i]), Byte(image.Data[i + 1]), Byte(image.Data[i + 2]));
            }
        }
        using var stream = new MemoryStream();
        png.SaveAsPng(stream);
        return stream.ToArray();
    }

    private static byte Byte(float v) => (byte)Math.Round(Math.Clamp(v, 0f, 1f) * 255f);
}
