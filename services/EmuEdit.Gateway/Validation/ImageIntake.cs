using EmuEdit.Contracts.V1;
using EmuEdit.Gateway.Hosting;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace EmuEdit.Gateway.Validation;

/// <summary>
/// Checks an input image against the limits and turns it into the PNG a job carries. The header is
/// read first (Identify) so a file that claims 20000×20000 pixels is refused before anything that size
/// is allocated; only then is it decoded.
/// </summary>
public sealed class ImageIntake(ImageLimits options)
{
    /// <summary>An edit's input image: the gateway's image limits.</summary>
    public ImageIntake(GatewayOptions options) : this(new ImageLimits(options.MaxImageBytes, options.MaxImageSide, options.MaxImagePixels))
    {
    }

    private static readonly PngEncoder Png = new() { ColorType = PngColorType.Rgb, BitDepth = PngBitDepth.Bit8 };

    public AcceptedImage Accept(EmuEdit.Contracts.V1.Image? image, string field)
    {
        if (image is null || image.Data.IsEmpty) throw RequestErrors.InvalidArgument($"{field} is missing: send PNG or JPEG bytes in {field}.data.");
        byte[] data = image.Data.ToByteArray();
        if (data.Length > options.MaxImageBytes)
            throw RequestErrors.InvalidArgument($"{field} is {data.Length} bytes; the limit is {options.MaxImageBytes} bytes.");

        IImageInfo info = Identify(data, field, out IImageFormat format);
        CheckDeclaredFormat(image.Format, format, field);
        CheckSize(info.Width, info.Height, field);

        try
        {
            using Image<Rgb24> pixels = SixLabors.ImageSharp.Image.Load<Rgb24>(data);
            // A phone photo stores its pixels as the sensor saw them plus an EXIF turn; the edit must see (and
            // return) what the user saw, and the PNG the job carries has no EXIF to turn it later.
            pixels.Mutate(x => x.AutoOrient());
            using var png = new MemoryStream();
            pixels.SaveAsPng(png, Png);
            return new AcceptedImage(png.ToArray(), pixels.Width, pixels.Height);
        }
        catch (Exception e) when (IsUndecodable(e))
        {
            throw RequestErrors.InvalidArgument($"{field} could not be decoded as {format.Name}: {e.Message}");
        }
    }

    // ImageSharp throws NotSupportedException for valid files of variants it does not read (lossless JPEG,
    // a PNG header with an undefined colour type): for the caller they are images it cannot use, not a fault.
    private static bool IsUndecodable(Exception e) =>
        e is ImageFormatException or InvalidImageContentException or UnknownImageFormatException or NotSupportedException;

    /// <summary>Re-encodes an image the gateway itself produced or received from a worker; no limits apply.</summary>
    public static AcceptedImage ToPng(byte[] encoded)
    {
        using Image<Rgb24> pixels = SixLabors.ImageSharp.Image.Load<Rgb24>(encoded);
        using var png = new MemoryStream();
        pixels.SaveAsPng(png, Png);
        return new AcceptedImage(png.ToArray(), pixels.Width, pixels.Height);
    }

    private static IImageInfo Identify(byte[] data, string field, out IImageFormat format)
    {
        try
        {
            IImageInfo? info = SixLabors.ImageSharp.Image.Identify(data, out IImageFormat? detected);
            if (info is null || detected is null)
                throw RequestErrors.InvalidArgument($"{field} is not a PNG or JPEG image (its first bytes match no known format).");
            if (detected is not PngFormat and not JpegFormat)
                throw RequestErrors.InvalidArgument($"{field} is {detected.Name}; only PNG and JPEG are accepted.");
            format = detected;
            return info;
        }
        catch (Exception e) when (IsUndecodable(e))
        {
            throw RequestErrors.InvalidArgument($"{field} has an unreadable header: {e.Message}");
        }
    }

    private static void CheckDeclaredFormat(ImageFormat declared, IImageFormat actual, string field)
    {
        bool matches = declared switch
        {
            ImageFormat.Unspecified => true,
            ImageFormat.Png => actual is PngFormat,
            ImageFormat.Jpeg => actual is JpegFormat,
            _ => throw RequestErrors.InvalidArgument($"{field}.format {(int)declared} is not an ImageFormat."),
        };
        if (!matches) throw RequestErrors.InvalidArgument($"{field}.format says {declared} but the bytes are {actual.Name}.");
    }

    private void CheckSize(int width, int height, string field)
    {
        if (width <= 0 || height <= 0)
            throw RequestErrors.InvalidArgument($"{field} declares an empty size {width}x{height}.");
        if (Math.Max(width, height) > options.MaxImageSide)
            throw RequestErrors.InvalidArgument($"{field} is {width}x{height} pixels; the longer side may be at most {options.MaxImageSide}.");
        if ((long)width * height > options.MaxImagePixels)
            throw RequestErrors.InvalidArgument($"{field} is {width}x{height} = {(long)width * height} pixels; the limit is {options.MaxImagePixels}.");
    }
}
