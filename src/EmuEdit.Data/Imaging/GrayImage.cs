using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace EmuEdit.Data.Imaging;

/// <summary>A single-channel float image in [0, 1]: edit masks, coverage maps, depth.</summary>
public sealed class GrayImage
{
    public int Width { get; }
    public int Height { get; }
    public float[] Data { get; }

    public GrayImage(int width, int height)
    {
        if (width <= 0 || height <= 0) throw new ArgumentOutOfRangeException(nameof(width), "image sides must be positive");
        Width = width;
        Height = height;
        Data = new float[width * height];
    }

    public float this[int x, int y]
    {
        get => Data[y * Width + x];
        set => Data[y * Width + x] = value;
    }

    public GrayImage Clone()
    {
        var copy = new GrayImage(Width, Height);
        Array.Copy(Data, copy.Data, Data.Length);
        return copy;
    }

    public static GrayImage Full(int width, int height)
    {
        var g = new GrayImage(width, height);
        Array.Fill(g.Data, 1f);
        return g;
    }

    /// <summary>Rounds to multiples of 1/255 so the in-memory mask equals its PNG.</summary>
    public GrayImage Quantize()
    {
        for (int i = 0; i < Data.Length; i++)
            Data[i] = MathF.Round(Math.Clamp(Data[i], 0f, 1f) * 255f) / 255f;
        return this;
    }

    public double Sum()
    {
        double s = 0;
        foreach (float v in Data) s += v;
        return s;
    }

    /// <summary>Pixel-wise maximum with another map of the same size.</summary>
    public void MaxWith(GrayImage other)
    {
        for (int i = 0; i < Data.Length; i++)
            if (other.Data[i] > Data[i]) Data[i] = other.Data[i];
    }

    /// <summary>Bounding box (inclusive) of pixels above <paramref name="threshold"/>, or null when none are.</summary>
    public (int X0, int Y0, int X1, int Y1)? Bounds(float threshold)
    {
        int x0 = int.MaxValue, y0 = int.MaxValue, x1 = -1, y1 = -1;
        for (int y = 0; y < Height; y++)
            for (int x = 0; x < Width; x++)
                if (Data[y * Width + x] > threshold)
                {
                    if (x < x0) x0 = x;
                    if (x > x1) x1 = x;
                    if (y < y0) y0 = y;
                    if (y > y1) y1 = y;
                }
        return x1 < 0 ? null : (x0, y0, x1, y1);
    }

    public void SavePng(string path)
    {
        using var image = new Image<L8>(Width, Height);
        for (int y = 0; y < Height; y++)
            for (int x = 0; x < Width; x++)
                image[x, y] = new L8(RgbImage.ToByte(Data[y * Width + x]));
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        image.SaveAsPng(path);
    }

    public static GrayImage LoadPng(string path)
    {
        using var image = Image.Load<L8>(path);
        var result = new GrayImage(image.Width, image.Height);
        for (int y = 0; y < image.Height; y++)
            for (int x = 0; x < image.Width; x++)
                result.Data[y * image.Width + x] = image[x, y].PackedValue / 255f;
        return result;
    }

    public RgbImage ToRgb()
    {
        var rgb = new RgbImage(Width, Height);
        for (int i = 0; i < Data.Length; i++)
        {
            rgb.Data[i * 3] = Data[i];
            rgb.Data[i * 3 + 1] = Data[i];
            rgb.Data[i * 3 + 2] = Data[i];
        }
        return rgb;
    }
}
