using System.Buffers.Binary;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;

namespace EmuEdit.Gateway.Tests;

internal static class Images
{
    public static byte[] Png(int width, int height, Rgba32 fill)
    {
        using var image = new Image<Rgba32>(width, height, fill);
        using var stream = new MemoryStream();
        image.SaveAsPng(stream);
        return stream.ToArray();
    }

    public static byte[] Jpeg(int width, int height)
    {
        using var image = new Image<Rgb24>(width, height, new Rgb24(10, 200, 30));
        using var stream = new MemoryStream();
        image.SaveAsJpeg(stream);
        return stream.ToArray();
    }

    /// <summary>A JPEG whose stored pixels are red on the left, blue on the right, with an EXIF orientation.</summary>
    public static byte[] JpegWithOrientation(int width, int height, ushort orientation)
    {
        using var image = new Image<Rgb24>(width, height, new Rgb24(0, 0, 255));
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width / 2; x++) image[x, y] = new Rgb24(255, 0, 0);
        image.Metadata.ExifProfile = new ExifProfile();
        image.Metadata.ExifProfile.SetValue(ExifTag.Orientation, orientation);
        using var stream = new MemoryStream();
        image.SaveAsJpeg(stream);
        return stream.ToArray();
    }

    /// <summary>A valid PNG signature and IHDR chunk declaring a size (and colour type), and nothing after it.</summary>
    public static byte[] PngHeaderClaiming(int width, int height, byte colourType = 2)
    {
        byte[] bytes = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R',
            0, 0, 0, 0, 0, 0, 0, 0, 8, 2, 0, 0, 0, 0, 0, 0, 0];
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(16), width);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(20), height);
        bytes[25] = colourType;
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(29), Crc32(bytes.AsSpan(12, 17)));
        return bytes;
    }

    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        const uint Polynomial = 0xEDB88320;
        uint crc = uint.MaxValue;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int bit = 0; bit < 8; bit++) crc = (crc & 1) != 0 ? (crc >> 1) ^ Polynomial : crc >> 1;
        }
        return crc ^ uint.MaxValue;
    }
}
