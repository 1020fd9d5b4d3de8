using EmuEdit.Contracts.V1;
using Google.Protobuf;
using Grpc.Core;

namespace EmuEdit.AppHost.Tests;

/// <summary>Bad requests get the documented status and a message naming the problem; no service suffers for them.</summary>
[Collection(EmuEditAppCollection.Name)]
public sealed class BadInputTests(EmuEditApp app)
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);

    private static EditRequest Request(byte[]? image = null, string instruction = "remove the red square", EditParameters? parameters = null) => new()
    {
        Image = TestImages.Png(image ?? TestImages.Scene()),
        Instruction = instruction,
        Parameters = parameters ?? new EditParameters(),
    };

    private async Task<RpcException> SubmitFails(EditRequest request)
    {
        return await Assert.ThrowsAsync<RpcException>(async () =>
            await app.Client.SubmitEditAsync(new SubmitEditRequest { Edit = request }, deadline: DateTime.UtcNow.Add(CallTimeout)));
    }

    [Fact]
    public async Task Corrupt_bytes_are_invalid_argument()
    {
        RpcException error = await SubmitFails(Request(image: "this is not an image"u8.ToArray()));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("not a PNG or JPEG", error.Status.Detail);
    }

    [Fact]
    public async Task A_png_header_claiming_20000_by_20000_is_refused_before_decoding()
    {
        RpcException error = await SubmitFails(Request(image: TestImages.PngHeaderClaiming(20000, 20000)));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("20000x20000", error.Status.Detail);
    }

    [Fact]
    public async Task A_truncated_png_is_invalid_argument()
    {
        byte[] scene = TestImages.Scene();
        RpcException error = await SubmitFails(Request(image: scene[..(scene.Length / 2)]));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task An_empty_instruction_is_invalid_argument(string instruction)
    {
        RpcException error = await SubmitFails(Request(instruction: instruction));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("instruction is empty", error.Status.Detail);
    }

    [Fact]
    public async Task A_10_kB_instruction_is_invalid_argument()
    {
        RpcException error = await SubmitFails(Request(instruction: new string('a', 10_000)));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("10000 characters", error.Status.Detail);
    }

    [Fact]
    public async Task An_unknown_task_is_not_found()
    {
        RpcException error = await SubmitFails(Request(parameters: new EditParameters { Task = "teleport" }));
        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Contains("teleport", error.Status.Detail);
    }

    [Theory]
    [InlineData(-0.5f, null)]
    [InlineData(25f, null)]
    [InlineData(float.NaN, null)]
    [InlineData(null, 31f)]
    public async Task Guidance_out_of_range_is_invalid_argument(float? image, float? text)
    {
        var parameters = new EditParameters();
        if (image is { } i) parameters.ImageGuidanceScale = i;
        if (text is { } t) parameters.TextGuidanceScale = t;
        RpcException error = await SubmitFails(Request(parameters: parameters));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("guidance_scale", error.Status.Detail);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(201)]
    public async Task Steps_out_of_range_are_invalid_argument(int steps)
    {
        RpcException error = await SubmitFails(Request(parameters: new EditParameters { Steps = steps }));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("steps", error.Status.Detail);
    }

    [Fact]
    public async Task An_oversized_message_is_resource_exhausted()
    {
        // Over Gateway:MaxReceiveMessageBytes (12 MiB): refused by the gRPC layer before it is buffered.
        var request = Request(image: new byte[13 * 1024 * 1024]);
        RpcException error = await SubmitFails(request);
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task An_image_over_the_byte_limit_is_invalid_argument()
    {
        // Under the message limit but over Gateway:MaxImageBytes (8 MiB).
        RpcException error = await SubmitFails(Request(image: new byte[9 * 1024 * 1024]));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("limit is 8388608 bytes", error.Status.Detail);
    }

    [Fact]
    public async Task Unknown_ids_are_not_found_and_empty_ids_invalid()
    {
        RpcException edit = await Assert.ThrowsAsync<RpcException>(async () => await app.Client.GetEditAsync(new GetEditRequest { EditId = "no-such-edit" }));
        Assert.Equal(StatusCode.NotFound, edit.StatusCode);
        RpcException cancel = await Assert.ThrowsAsync<RpcException>(async () => await app.Client.CancelEditAsync(new CancelEditRequest { EditId = "no-such-edit" }));
        Assert.Equal(StatusCode.NotFound, cancel.StatusCode);
        RpcException session = await Assert.ThrowsAsync<RpcException>(async () => await app.Client.GetSessionAsync(new GetSessionRequest { SessionId = "no-such-session" }));
        Assert.Equal(StatusCode.NotFound, session.StatusCode);
        RpcException empty = await Assert.ThrowsAsync<RpcException>(async () => await app.Client.GetEditAsync(new GetEditRequest()));
        Assert.Equal(StatusCode.InvalidArgument, empty.StatusCode);
    }

    [Fact]
    public async Task A_streaming_edit_with_bad_input_fails_before_streaming()
    {
        using var call = app.Client.Edit(Request(instruction: ""), deadline: DateTime.UtcNow.Add(CallTimeout));
        RpcException error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext());
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
    }

    [Fact]
    public async Task Every_service_stays_healthy_after_bad_input()
    {
        foreach (byte[] image in new[] { "garbage"u8.ToArray(), TestImages.PngHeaderClaiming(20000, 20000), new byte[13 * 1024 * 1024] })
        {
            await Assert.ThrowsAsync<RpcException>(async () =>
                await app.Client.SubmitEditAsync(new SubmitEditRequest { Edit = Request(image: image) }, deadline: DateTime.UtcNow.Add(CallTimeout)));
        }
        await app.AssertAllHealthyAsync();
    }
}
