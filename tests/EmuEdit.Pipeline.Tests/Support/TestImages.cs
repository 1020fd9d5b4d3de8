using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace EmuEdit.Pipeline.Tests.Support;

/// <summary>Small deterministic PNGs, deliberately not the model's size, so resizing both ways is exercised.</summary>
public static class TestImages
{
    public static byte[] Gradient(int width = 40, int height = 24, int shift = 0)
    {
        using var image = new Image<Rgb24>(width, height);
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
                image[x, y] = new Rgb24((byte)((x * 6 + shift) % 256), (byte)((y * 10 + shift) % 256), (byte)((x + y) * 3 % 256));
        using var stream = new MemoryStream();
        image.Save(stream, new PngEncoder());
        return stream.ToArray();
    }

    public static (int Width, int Height) SizeOf(byte[] file)
    {
        var info = Image.Identify(file);
        return (info.Width, info.Height);
    }
}
