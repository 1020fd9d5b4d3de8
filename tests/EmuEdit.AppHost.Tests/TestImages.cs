using System.Buffers.Binary;
using EmuEdit.Contracts.V1;
using Google.Protobuf;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace EmuEdit.AppHost.Tests;

/// <summary>Images the tests send: a real one, and the malformed ones the gateway must refuse.</summary>
public static class TestImages
{
    /// <summary>A 64×64 PNG with a coloured square on a gradient, so an edit has something to change.</summary>
    public static byte[] Scene(int size = TinyModelFolder.ImageSize)
    {
        using var image = new Image<Rgb24>(size, size);
        for (int y = 0; y < size; y++)
        {
            for (int x = 0; x < size; x++)
            {
                bool square = x >= size / 4 && x < size / 2 && y >= size / 4 && y < size / 2;
                image[x, y] = square ? new Rgb24(220, 30, 30) : new Rgb24((byte)(x * 255 / size), (byte)(y * 255 / size), 128);
            }
        }
        using var png = new MemoryStream();
        image.SaveAsPng(png);
        return png.ToArray();
    }

    /// <summary>A PNG signature and IHDR that claim <paramref name="width"/>×<paramref name="height"/>, with no pixel data after them.</summary>
    public static byte[] PngHeaderClaiming(int width, int height)
    {
        byte[] signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        byte[] ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(0), width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8;  // bit depth
        ihdr[9] = 2;  // colour type: RGB
        using var stream = new MemoryStream();
        stream.Write(signature);
        WriteChunk(stream, "IHDR"u8, ihdr);
        return stream.ToArray();
    }

    private static void WriteChunk(Stream stream, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        stream.Write(length);
        stream.Write(type);
        stream.Write(data);
        Span<byte> sum = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(sum, Crc32(Crc32(uint.MaxValue, type), data) ^ uint.MaxValue);
        stream.Write(sum);
    }

    /// <summary>PNG's CRC-32 (polynomial 0xEDB88320), bit by bit: a 13-byte header needs no table.</summary>
    private static uint Crc32(uint crc, ReadOnlySpan<byte> bytes)
    {
        const uint Polynomial = 0xEDB88320;
        foreach (byte b in bytes)
        {
            crc ^= b;
            for (int bit = 0; bit < 8; bit++) crc = (crc & 1) != 0 ? (crc >> 1) ^ Polynomial : crc >> 1;
        }
        return crc;
    }

    public static EmuEdit.Contracts.V1.Image Png(byte[] data) => new() { Data = ByteString.CopyFrom(data), Format = ImageFormat.Png };
}
