using EmuEdit.Contracts.V1;
using EmuEdit.Gateway.Hosting;
using EmuEdit.Gateway.Tasks;
using EmuEdit.Gateway.Validation;
using Google.Protobuf;
using Grpc.Core;
using SixLabors.ImageSharp.PixelFormats;

namespace EmuEdit.Gateway.Tests;

public sealed class RegistrationRequestReaderTests
{
    private static readonly RegistrationOptions Options = new() { MaxExamples = 3, MaxImageSide = 64, MaxImagePixels = 64 * 64, MaxJobBytes = 64 * 1024 };

    private static readonly RegistrationRequestReader Reader =
        new(Options, new InstructionRules(new GatewayOptions()), new BuiltInTaskNames(["local", "remove", "sketch2image"]));

    private static Image Png(int width = 16, int height = 12, byte red = 200) => new() { Data = ByteString.CopyFrom(Images.Png(width, height, new Rgba32(red, 30, 40, 255))) };

    private static TaskExample Example(Image? input = null, Image? output = null, string instruction = "trace the outlines") =>
        new() { Input = input ?? Png(), Instruction = instruction, Output = output ?? Png(red: 10) };

    private static RegisterTaskRequest Request(string name = "Contour", params TaskExample[] examples) => new()
    {
        Name = name,
        Description = "outlines",
        Examples = { examples.Length == 0 ? [Example()] : examples },
    };

    private static RpcException Refused(RegisterTaskRequest request) => Assert.Throws<RpcException>(() => Reader.Read(request));

    [Fact]
    public void A_request_becomes_a_job_with_every_option_resolved()
    {
        RegisterTaskRequest request = Request(examples: Example(Images.Jpeg(24, 16) is var jpeg ? new Image { Data = ByteString.CopyFrom(jpeg) } : null,
            new Image { Data = ByteString.CopyFrom(Images.Jpeg(24, 16)) }, "  draw the outlines "));
        request.HeldOutExamples.Add(Example());
        TaskInversionJob job = Reader.Read(request);
        TaskInversionJob again = Reader.Read(request);

        Assert.Equal("contour", job.Name);
        Assert.Equal("draw the outlines", job.Examples[0].Instruction);
        Assert.Equal(ImageFormat.Png, job.Examples[0].Input.Format);
        Assert.Equal((24, 16), (job.Examples[0].Output.Width, job.Examples[0].Output.Height));
        Assert.Single(job.HeldOutExamples);
        Assert.Equal((300, 5e-3, 4, TaskInitialisation.Mean), (job.Options.Steps, job.Options.LearningRate, job.Options.BatchSize, job.Options.Initialisation));
        Assert.True(job.Options.HasSeed);
        Assert.NotEqual(job.Options.Seed, again.Options.Seed);
        Assert.False(job.Options.HasValidationSteps);
    }

    [Fact]
    public void Options_given_are_kept_and_a_built_in_start_is_named_canonically()
    {
        RegisterTaskRequest request = Request();
        request.Options = new InversionOptions { Steps = 20, LearningRate = 0.1, Seed = 5, BatchSize = 2, Initialisation = TaskInitialisation.Task, InitialTask = "REMOVE", ValidationSteps = 10 };
        InversionOptions resolved = Reader.Read(request).Options;
        Assert.Equal((20, 0.1, 5ul, 2, "remove", 10), (resolved.Steps, resolved.LearningRate, resolved.Seed, resolved.BatchSize, resolved.InitialTask, resolved.ValidationSteps));
    }

    [Fact]
    public void Zero_examples_are_invalid() =>
        Assert.Contains("examples is empty", Refused(new RegisterTaskRequest { Name = "contour" }).Status.Detail, StringComparison.Ordinal);

    [Fact]
    public void An_output_of_another_size_than_its_input_is_invalid()
    {
        RpcException error = Refused(Request(examples: [Example(), Example(output: Png(17, 12))]));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("examples[1]: the output is 17x12", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_corrupt_image_is_invalid_and_named()
    {
        RpcException error = Refused(Request(examples: Example(input: new Image { Data = ByteString.CopyFromUtf8("not an image") })));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("examples[0].input", error.Status.Detail, StringComparison.Ordinal);
        var heldOut = Request();
        heldOut.HeldOutExamples.Add(Example(output: new Image { Data = ByteString.CopyFrom(Images.PngHeaderClaiming(16, 12)) }));
        Assert.Contains("held_out_examples[0].output", Refused(heldOut).Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_built_in_name_already_exists()
    {
        RpcException error = Refused(Request("Remove"));
        Assert.Equal(StatusCode.AlreadyExists, error.StatusCode);
        Assert.Contains("'remove' is a built-in task", error.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("-leading-dash")]
    [InlineData("slash/name")]
    public void A_malformed_name_is_invalid(string name) => Assert.Equal(StatusCode.InvalidArgument, Refused(Request(name)).StatusCode);

    [Fact]
    public void Limits_on_examples_image_size_steps_and_options_are_enforced()
    {
        Assert.Contains("4 examples; the limit is 3", Refused(Request(examples: [Example(), Example(), Example(), Example()])).Status.Detail, StringComparison.Ordinal);
        Assert.Contains("longer side may be at most 64", Refused(Request(examples: Example(Png(65, 8), Png(65, 8)))).Status.Detail, StringComparison.Ordinal);
        Assert.Contains("instruction is empty", Refused(Request(examples: Example(instruction: " "))).Status.Detail, StringComparison.Ordinal);

        foreach (InversionOptions bad in new[]
        {
            new InversionOptions { Steps = 0 },
            new InversionOptions { Steps = Options.MaxSteps + 1 },
            new InversionOptions { LearningRate = 0 },
            new InversionOptions { LearningRate = double.NaN },
            new InversionOptions { BatchSize = Options.MaxBatchSize + 1 },
            new InversionOptions { ValidationSteps = 0 },
            new InversionOptions { Initialisation = TaskInitialisation.Task, InitialTask = "no-such-task" },
            new InversionOptions { Initialisation = TaskInitialisation.Zero, InitialTask = "remove" },
            new InversionOptions { Initialisation = (TaskInitialisation)42 },
        })
        {
            RegisterTaskRequest request = Request();
            request.Options = bad;
            Assert.Equal(StatusCode.InvalidArgument, Refused(request).StatusCode);
        }
    }

    [Fact]
    public void A_job_over_the_stored_size_limit_is_invalid()
    {
        var small = new RegistrationRequestReader(new RegistrationOptions { MaxJobBytes = 100 }, new InstructionRules(new GatewayOptions()), new BuiltInTaskNames(["local"]));
        RpcException error = Assert.Throws<RpcException>(() => small.Read(Request()));
        Assert.Contains("the limit is 100", error.Status.Detail, StringComparison.Ordinal);
    }
}
