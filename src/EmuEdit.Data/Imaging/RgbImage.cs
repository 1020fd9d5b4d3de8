using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace EmuEdit.Data.Imaging;

/// <summary>
/// An RGB image with float channels in [0, 1], interleaved row-major (R, G, B per pixel). Small and
/// dependency-free on purpose so a trainer can copy <see cref="Data"/> straight into a tensor.
/// </summary>
public sealed class RgbImage
{
    public int Width { get; }
    public int Height { get; }
    public float[] Data { get; }

    public RgbImage(int width, int height)
    {
        if (width <= 0 || height <= 0) throw new ArgumentOutOfRangeException(nameof(width), "image sides must be positive");
        Width = width;
        Height = height;
        Data = new float[width * height * 3];
    }

    public RgbImage(int width, int height, Rgb fill) : this(width, height) => Fill(fill);

    public Rgb this[int x, int y]
    {
        get
        {
            int i = (y * Width + x) * 3;
            return new Rgb(Data[i], Data[i + 1], Data[i + 2]);
        }
        set
        {
            int i = (y * Width + x) * 3;
            Data[i] = value.R;
            Data[i + 1] = value.G;
            Data[i + 2] = value.B;
        }
    }

    public void Fill(Rgb c)
    {
        for (int i = 0; i < Data.Length; i += 3)
        {
            Data[i] = c.R;
            Data[i + 1] = c.G;
            Data[i + 2] = c.B;
        }
    }

    /// <summary>Blends <paramref name="c"/> over pixel (x, y) with weight <paramref name="alpha"/>; out-of-range pixels are ignored.</summary>
    public void Blend(int x, int y, Rgb c, float alpha)
    {
        if ((uint)x >= (uint)Width || (uint)y >= (uint)Height || alpha <= 0f) return;
        int i = (y * Width + x) * 3;
        if (alpha >= 1f)
        {
            // Assign rather than interpolate: a + (c - a) * 1 is not always c in floating point, and
            // unchanged objects must give bit-identical pixels when only their surroundings change.
            Data[i] = c.R;
            Data[i + 1] = c.G;
            Data[i + 2] = c.B;
            return;
        }
        Data[i] += (c.R - Data[i]) * alpha;
        Data[i + 1] += (c.G - Data[i + 1]) * alpha;
        Data[i + 2] += (c.B - Data[i + 2]) * alpha;
    }

    public RgbImage Clone()
    {
        var copy = new RgbImage(Width, Height);
        Array.Copy(Data, copy.Data, Data.Length);
        return copy;
    }

    /// <summary>
    /// Clamps to [0, 1] and rounds every channel to a multiple of 1/255, so an image in memory equals
    /// the same image after a PNG round trip (generation on the fly and from disk then agree exactly).
    /// </summary>
    public RgbImage Quantize()
    {
        for (int i = 0; i < Data.Length; i++)
            Data[i] = MathF.Round(Math.Clamp(Data[i], 0f, 1f) * 255f) / 255f;
        return this;
    }

    public bool PixelsEqual(RgbImage other) =>
        Width == other.Width && Height == other.Height && Data.AsSpan().SequenceEqual(other.Data);

    /// <summary>Mean absolute difference over all channels.</summary>
    public static double MeanAbsDiff(RgbImage a, RgbImage b)
    {
        CheckSameSize(a, b);
        double sum = 0;
        for (int i = 0; i < a.Data.Length; i++) sum += MathF.Abs(a.Data[i] - b.Data[i]);
        return sum / a.Data.Length;
    }

    internal static void CheckSameSize(RgbImage a, RgbImage b)
    {
        if (a.Width != b.Width || a.Height != b.Height)
            throw new ArgumentException($"image sizes differ: {a.Width}x{a.Height} vs {b.Width}x{b.Height}");
    }

    public void SavePng(string path)
    {
        using var image = new Image<Rgb24>(Width, Height);
        for (int y = 0; y < Height; y++)
            for (int x = 0; x < Width; x++)
            {
                int i = (y * Width + x) * 3;
                image[x, y] = new Rgb24(ToByte(Data[i]), ToByte(Data[i + 1]), ToByte(Data[i + 2]));
            }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        image.SaveAsPng(path);
    }

    public static RgbImage LoadPng(string path)
    {
        using var image = Image.Load<Rgb24>(path);
        var result = new RgbImage(image.Width, image.Height);
        for (int y = 0; y < image.Height; y++)
            for (int x = 0; x < image.Width; x++)
            {
                Rgb24 p = image[x, y];
                int i = (y * image.Width + x) * 3;
                result.Data[i] = p.R / 255f;
                result.Data[i + 1] = p.G / 255f;
                result.Data[i + 2] = p.B / 255f;
            }
        return result;
    }

    internal static byte ToByte(float v) => (byte)MathF.Round(Math.Clamp(v, 0f, 1f) * 255f);
}
