using EmuEdit.Contracts.V1;
using EmuEdit.Gateway.Hosting;
using EmuEdit.Gateway.Validation;
using Google.Protobuf;
using Grpc.Core;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace EmuEdit.Gateway.Tests;

public sealed class ImageIntakeTests
{
    private static readonly ImageIntake Intake = new(new GatewayOptions());

    private static EmuEdit.Contracts.V1.Image Wrap(byte[] data, ImageFormat format = ImageFormat.Unspecified) => new() { Data = ByteString.CopyFrom(data), Format = format };

    private static RpcException Refused(byte[] data, ImageFormat format = ImageFormat.Unspecified)
    {
        RpcException error = Assert.Throws<RpcException>(() => Intake.Accept(Wrap(data, format), "image"));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        return error;
    }

    [Fact]
    public void A_png_with_alpha_becomes_an_rgb_png_of_the_same_size()
    {
        AcceptedImage accepted = Intake.Accept(Wrap(Images.Png(40, 24, new Rgba32(10, 20, 30, 128))), "image");
        Assert.Equal((40, 24), (accepted.Width, accepted.Height));
        using var decoded = SixLabors.ImageSharp.Image.Load<Rgb24>(accepted.Png);
        Assert.Equal(new Rgb24(10, 20, 30), decoded[5, 5]);
        Assert.Equal(24, decoded.PixelType.BitsPerPixel);
    }

    [Fact]
    public void A_jpeg_is_accepted() => Assert.Equal(32, Intake.Accept(Wrap(Images.Jpeg(32, 16)), "image").Width);

    [Fact]
    public void A_header_claiming_20000_by_20000_is_refused_with_the_size() =>
        Assert.Contains("20000x20000", Refused(Images.PngHeaderClaiming(20000, 20000)).Status.Detail);

    [Fact]
    public void A_header_within_the_side_but_over_the_pixel_limit_is_refused()
    {
        var intake = new ImageIntake(new GatewayOptions { MaxImageSide = 1024, MaxImagePixels = 1000 });
        RpcException error = Assert.Throws<RpcException>(() => intake.Accept(Wrap(Images.PngHeaderClaiming(100, 100)), "image"));
        Assert.Contains("10000 pixels", error.Status.Detail);
    }

    [Fact]
    public void A_header_with_no_pixel_data_is_refused_when_decoded() => Refused(Images.PngHeaderClaiming(16, 16));

    [Fact]
    public void A_png_header_with_an_undefined_colour_type_is_refused() =>
        Assert.Contains("image", Refused(Images.PngHeaderClaiming(16, 16, colourType: 1)).Status.Detail, StringComparison.Ordinal);

    [Fact]
    public void A_photo_turned_by_its_exif_orientation_is_accepted_upright()
    {
        // Orientation 6: the viewer turns the stored pixels a quarter clockwise, so their left half is the top.
        AcceptedImage accepted = Intake.Accept(Wrap(Images.JpegWithOrientation(40, 24, orientation: 6)), "image");
        Assert.Equal((24, 40), (accepted.Width, accepted.Height));
        using var decoded = SixLabors.ImageSharp.Image.Load<Rgb24>(accepted.Png);
        Assert.True(decoded[12, 5].R > 200 && decoded[12, 5].B < 60, $"top is {decoded[12, 5]}");
        Assert.True(decoded[12, 34].B > 200 && decoded[12, 34].R < 60, $"bottom is {decoded[12, 34]}");
    }

    [Fact]
    public void Bytes_that_are_no_image_are_refused() => Assert.Contains("not a PNG or JPEG", Refused("hello"u8.ToArray()).Status.Detail);

    [Fact]
    public void A_missing_image_is_refused()
    {
        RpcException error = Assert.Throws<RpcException>(() => Intake.Accept(null, "image"));
        Assert.Contains("image is missing", error.Status.Detail);
    }

    [Fact]
    public void A_declared_format_that_disagrees_is_refused() =>
        Assert.Contains("says Jpeg", Refused(Images.Png(8, 8, new Rgba32(0, 0, 0)), ImageFormat.Jpeg).Status.Detail);

    [Fact]
    public void Bytes_over_the_limit_are_refused_before_reading()
    {
        var intake = new ImageIntake(new GatewayOptions { MaxImageBytes = 100 });
        RpcException error = Assert.Throws<RpcException>(() => intake.Accept(Wrap(new byte[101]), "image"));
        Assert.Contains("101 bytes", error.Status.Detail);
    }
}
