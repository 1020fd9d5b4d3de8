using EmuEdit.Contracts.V1;
using EmuEdit.Gateway.Hosting;
using EmuEdit.Gateway.Validation;
using Grpc.Core;

namespace EmuEdit.Gateway.Tests;

public sealed class ParameterResolverTests
{
    private static readonly GatewayOptions Options = new();
    // Not the DiffusionOptions defaults, so a resolver reading anything else would show.
    private static readonly SamplingDefaults Defaults = new(Steps: 12, ImageGuidanceScale: 1.25f, TextGuidanceScale: 3.5f);
    private static readonly ParameterResolver Resolver = new(Options, Defaults);

    [Fact]
    public void Unset_parameters_take_every_default_and_a_random_seed()
    {
        EditParameters a = Resolver.Resolve(null);
        EditParameters b = Resolver.Resolve(new EditParameters());
        Assert.Equal(Defaults.Steps, a.Steps);
        Assert.Equal(Defaults.ImageGuidanceScale, a.ImageGuidanceScale);
        Assert.Equal(Defaults.TextGuidanceScale, a.TextGuidanceScale);
        Assert.Equal(ImageFormat.Png, a.OutputFormat);
        Assert.Equal(Options.DefaultEditThreshold, a.Threshold);
        Assert.True(a.HasSeed && b.HasSeed);
        Assert.NotEqual(a.Seed, b.Seed);
        Assert.False(a.HasTask || a.HasPreviewEvery || a.HasJpegQuality);
    }

    [Fact]
    public void Given_parameters_are_kept()
    {
        EditParameters given = new() { Steps = 7, Seed = 3, ImageGuidanceScale = 0, TextGuidanceScale = 30, OutputFormat = ImageFormat.Jpeg, JpegQuality = 55, PreviewEvery = 7, Task = " remove ", Threshold = 0 };
        EditParameters resolved = Resolver.Resolve(given);
        Assert.Equal((7, 3ul, 0f, 30f, ImageFormat.Jpeg, 55, 7, "remove", 0f),
            (resolved.Steps, resolved.Seed, resolved.ImageGuidanceScale, resolved.TextGuidanceScale, resolved.OutputFormat, resolved.JpegQuality, resolved.PreviewEvery, resolved.Task, resolved.Threshold));
    }

    [Fact]
    public void Jpeg_output_gets_the_default_quality() =>
        Assert.Equal(Options.DefaultJpegQuality, Resolver.Resolve(new EditParameters { OutputFormat = ImageFormat.Jpeg }).JpegQuality);

    public static TheoryData<EditParameters, string> OutOfRange => new()
    {
        { new EditParameters { Steps = 0 }, "steps" },
        { new EditParameters { Steps = 201 }, "steps" },
        { new EditParameters { ImageGuidanceScale = -0.1f }, "image_guidance_scale" },
        { new EditParameters { ImageGuidanceScale = float.NaN }, "image_guidance_scale" },
        { new EditParameters { TextGuidanceScale = 30.5f }, "text_guidance_scale" },
        { new EditParameters { JpegQuality = 0 }, "jpeg_quality" },
        { new EditParameters { Steps = 10, PreviewEvery = 11 }, "preview_every" },
        { new EditParameters { Task = "" }, "task" },
        { new EditParameters { OutputFormat = (ImageFormat)9 }, "output_format" },
        { new EditParameters { Threshold = 1.5f }, "parameters.threshold" },
        { new EditParameters { Threshold = float.NaN }, "parameters.threshold" },
    };

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public void Out_of_range_parameters_are_invalid_naming_the_field(EditParameters given, string field)
    {
        RpcException error = Assert.Throws<RpcException>(() => Resolver.Resolve(given));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains(field, error.Status.Detail);
    }

    [Theory]
    [InlineData(-0.01f)]
    [InlineData(1.01f)]
    public void A_threshold_outside_0_to_1_is_invalid(float threshold) =>
        Assert.Throws<RpcException>(() => Resolver.ResolveThreshold(true, threshold));

    [Fact]
    public void An_unset_threshold_takes_the_default() => Assert.Equal(Options.DefaultSessionThreshold, Resolver.ResolveThreshold(false, 0));

    [Fact]
    public void A_session_turn_takes_its_own_threshold_then_its_parameters_one()
    {
        Assert.Equal(0.2f, Resolver.ResolveThreshold(true, 0.2f, new EditParameters { Threshold = 0.4f }));
        Assert.Equal(0.4f, Resolver.ResolveThreshold(false, 0, new EditParameters { Threshold = 0.4f }));
        Assert.Equal(Options.DefaultSessionThreshold, Resolver.ResolveThreshold(false, 0, new EditParameters()));
        Assert.Throws<RpcException>(() => Resolver.ResolveThreshold(false, 0, new EditParameters { Threshold = -1 }));
    }
}
