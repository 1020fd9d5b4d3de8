using EmuEdit.Contracts.V1;
using EmuEdit.Gateway.Hosting;
using EmuEdit.Gateway.Validation;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace EmuEdit.Gateway.Sessions;

/// <summary>A blank session canvas: checked size, one fill colour, as the RGB PNG every job carries.</summary>
public sealed class BlankCanvas(GatewayOptions options)
{
    private static readonly Rgb24 White = new(byte.MaxValue, byte.MaxValue, byte.MaxValue);

    public AcceptedImage Create(BlankImage blank)
    {
        CheckSide(blank.Width, "blank.width");
        CheckSide(blank.Height, "blank.height");
        using var image = new Image<Rgb24>(blank.Width, blank.Height, Fill(blank.Rgba));
        using var png = new MemoryStream();
        image.SaveAsPng(png);
        return ImageIntake.ToPng(png.ToArray());
    }

    private void CheckSide(int side, string field)
    {
        if (side < options.MinBlankSide || side > options.MaxBlankSide || side % options.BlankSideMultiple != 0)
            throw RequestErrors.InvalidArgument(
                $"{field} is {side}; it must be within {options.MinBlankSide}..{options.MaxBlankSide} and a multiple of {options.BlankSideMultiple}.");
    }

    /// <summary>0xRRGGBBAA; 0 means white. Jobs carry RGB, so alpha blends the colour over white.</summary>
    private static Rgb24 Fill(uint rgba)
    {
        if (rgba == 0) return White;
        byte alpha = (byte)rgba;
        return new Rgb24(OverWhite((byte)(rgba >> 24), alpha), OverWhite((byte)(rgba >> 16), alpha), OverWhite((byte)(rgba >> 8), alpha));
    }

    private static byte OverWhite(byte channel, byte alpha) =>
        (byte)Math.Round((channel * alpha + byte.MaxValue * (byte.MaxValue - alpha)) / (double)byte.MaxValue);
}
