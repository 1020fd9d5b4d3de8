using EmuEdit.Model.Networks;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using static TorchSharp.torch;
using ImageFormat = EmuEdit.Contracts.V1.ImageFormat;

namespace EmuEdit.Pipeline.Imaging;

/// <summary>Image files to and from RGB tensors [3, H, W] in [0, 1], and resizing between the input's and the model's size.</summary>
public static class ImageTensors
{
    private const float MaxByte = 255f;

    /// <summary>Decodes PNG or JPEG bytes; an undecodable file is an <see cref="InvalidEditException"/>.</summary>
    public static Image<Rgb24> Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty) throw new InvalidEditException("The input image is empty.");
        try
        {
            return Image.Load<Rgb24>(bytes);
        }
        catch (Exception e) when (e is UnknownImageFormatException or InvalidImageContentException or NotSupportedException)
        {
            throw new InvalidEditException($"The input image cannot be decoded: {e.Message}", e);
        }
    }

    /// <summary>A resized copy (bilinear; the same filter both ways, so a round trip is symmetric).</summary>
    public static Image<Rgb24> Resize(Image<Rgb24> image, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(image);
        return image.Width == width && image.Height == height
            ? image.Clone()
            : image.Clone(c => c.Resize(width, height, KnownResamplers.Triangle));
    }

    /// <summary>float32 [3, H, W] in [0, 1].</summary>
    public static Tensor ToUnitTensor(Image<Rgb24> image)
    {
        ArgumentNullException.ThrowIfNull(image);
        int w = image.Width, h = image.Height, plane = w * h;
        var data = new float[3 * plane];
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < h; y++)
            {
                var row = rows.GetRowSpan(y);
                for (var x = 0; x < w; x++)
                {
                    var i = y * w + x;
                    data[i] = row[x].R / MaxByte;
                    data[plane + i] = row[x].G / MaxByte;
                    data[2 * plane + i] = row[x].B / MaxByte;
                }
            }
        });
        return tensor(data, new long[] { 3, h, w }, ScalarType.Float32);
    }

    /// <summary>An image of a [3, H, W] tensor in [0, 1] (clamped, rounded to bytes).</summary>
    public static Image<Rgb24> FromUnitTensor(Tensor pixels)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        if (pixels.dim() != 3 || pixels.shape[0] != 3) throw new ArgumentException("pixels must be [3, H, W]", nameof(pixels));
        int h = (int)pixels.shape[1], w = (int)pixels.shape[2], plane = w * h;
        using var bytes = pixels.to(ScalarType.Float32, CPU).ClampTo(0, 1).Times(MaxByte).round().to(ScalarType.Byte).contiguous();
        var data = bytes.data<byte>().ToArray();
        var image = new Image<Rgb24>(w, h);
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < h; y++)
            {
                var row = rows.GetRowSpan(y);
                for (var x = 0; x < w; x++)
                {
                    var i = y * w + x;
                    row[x] = new Rgb24(data[i], data[plane + i], data[2 * plane + i]);
                }
            }
        });
        return image;
    }

    /// <summary>[1, 3, H, W] in [-1, 1], the model's input range.</summary>
    public static Tensor ToModelRange(Tensor unit) => unit.Times(2).Plus(-1).unsqueeze(0);

    /// <summary>[3, H, W] in [0, 1] from one row of the model's [-1, 1] output.</summary>
    public static Tensor FromModelRange(Tensor signedRow) => signedRow.Plus(1).Times(0.5).ClampTo(0, 1);

    /// <summary>Encodes PNG (the default) or JPEG with <paramref name="jpegQuality"/>.</summary>
    public static byte[] Encode(Image<Rgb24> image, ImageFormat format, int jpegQuality)
    {
        ArgumentNullException.ThrowIfNull(image);
        using var stream = new MemoryStream();
        if (format == ImageFormat.Jpeg) image.Save(stream, new JpegEncoder { Quality = jpegQuality });
        else image.Save(stream, new PngEncoder());
        return stream.ToArray();
    }
}
