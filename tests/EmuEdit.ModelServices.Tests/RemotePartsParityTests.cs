using EmuEdit.Contracts.V1;
using EmuEdit.Pipeline.InProcess;
using EmuEdit.Pipeline.Remote;
using EmuEdit.Pipeline.Tests.Support;
using Grpc.Core;
using Grpc.Net.Client;
using static TorchSharp.torch;

namespace EmuEdit.ModelServices.Tests;

/// <summary>Each gRPC client through its real service gives exactly what the in-process part gives.</summary>
public sealed class RemotePartsParityTests(ModelServicesFixture services) : IClassFixture<ModelServicesFixture>
{
    private static readonly string[] Instructions = ["remove the red circle", "", "make the picture brighter"];

    [Fact]
    public async Task TaskPredictorGivesTheSameProbabilities()
    {
        using var channel = GrpcChannel.ForAddress(services.TaskPredictor.Address);
        var remote = await new GrpcTaskPredictorClient(new TaskPredictorService.TaskPredictorServiceClient(channel)).PredictAsync(Instructions);
        var local = await InProcessTaskPredictor.Load(services.Model.Path).PredictAsync(Instructions);
        Assert.Equal(local, remote, (a, b) => a.Ranked.SequenceEqual(b.Ranked));
        Assert.Equal("remove", remote[0].Task);
        Assert.Equal(1.0, remote[0].Ranked.Sum(r => r.Probability), 4);
    }

    [Fact]
    public async Task TextEncoderGivesTheSameTensors()
    {
        using var channel = GrpcChannel.ForAddress(services.TextEncoder.Address);
        using var remote = await new GrpcInstructionEncoder(new TextEncoderService.TextEncoderServiceClient(channel)).EncodeAsync(Instructions);
        using var localEncoder = InProcessInstructionEncoder.Load(services.Model.Path);
        using var local = await localEncoder.EncodeAsync(Instructions);
        Assert.True(local.Context.equal(remote.Context).all().item<bool>());
        Assert.True(local.Mask.equal(remote.Mask).all().item<bool>());
        Assert.True(local.Pooled.equal(remote.Pooled).all().item<bool>());
        Assert.Equal([3L, 8L, 16L], remote.Context.shape);
    }

    [Fact]
    public async Task VaeEncodesAndDecodesTheSameTensors()
    {
        using var channel = GrpcChannel.ForAddress(services.VaeDecoder.Address);
        var remote = new GrpcLatentCodec(new VaeService.VaeServiceClient(channel));
        using var local = InProcessLatentCodec.Load(services.Model.Path);
        using var generator = new Generator(3);
        using var images = rand([2, 3, 32, 32], generator: generator) * 2 - 1;

        using var remoteLatent = await remote.EncodeAsync(images);
        using var localLatent = await local.EncodeAsync(images);
        Assert.True(localLatent.equal(remoteLatent).all().item<bool>());
        Assert.Equal([2L, 4L, 8L, 8L], remoteLatent.shape);

        using var remoteImage = await remote.DecodeAsync(remoteLatent);
        using var localImage = await local.DecodeAsync(localLatent);
        Assert.True(localImage.equal(remoteImage).all().item<bool>());
        // The service reports its encoder's latent space, as the worker's start check reads it.
        var expected = new EmuEdit.Pipeline.Abstractions.LatentGeometry(4, 4) { LatentSpace = EmuEdit.Model.Checkpoints.LatentSpaceDigest.TryOf(services.Model.Path) };
        Assert.NotNull(expected.LatentSpace);
        Assert.Equal(expected, await remote.GetGeometryAsync());
    }

    [Fact]
    public async Task InstructionsOverTheServingLimitsAreInvalidArgument()
    {
        using var predictorChannel = GrpcChannel.ForAddress(services.TaskPredictor.Address);
        using var encoderChannel = GrpcChannel.ForAddress(services.TextEncoder.Address);
        var predictor = new TaskPredictorService.TaskPredictorServiceClient(predictorChannel);
        var encoder = new TextEncoderService.TextEncoderServiceClient(encoderChannel);
        var tooMany = new PredictTasksRequest { Instructions = { Enumerable.Repeat("x", 65) } };
        var tooLong = new PredictTasksRequest { Instructions = { "fine", new string('w', 4097) } };

        Assert.Equal(StatusCode.InvalidArgument, (await Assert.ThrowsAsync<RpcException>(async () => await predictor.PredictTasksAsync(tooMany))).StatusCode);
        RpcException longError = await Assert.ThrowsAsync<RpcException>(async () => await predictor.PredictTasksAsync(tooLong));
        Assert.Equal(StatusCode.InvalidArgument, longError.StatusCode);
        Assert.Contains("instructions[1]", longError.Status.Detail, StringComparison.Ordinal);

        using var call = encoder.EncodeInstructions(new EncodeInstructionsRequest { Instructions = { new string('w', 4097) } });
        RpcException encodeError = await Assert.ThrowsAsync<RpcException>(async () => await call.ResponseStream.MoveNext());
        Assert.Equal(StatusCode.InvalidArgument, encodeError.StatusCode);
    }

    [Fact]
    public async Task MalformedTensorsAreInvalidArgument()
    {
        using var channel = GrpcChannel.ForAddress(services.VaeDecoder.Address);
        var remote = new GrpcLatentCodec(new VaeService.VaeServiceClient(channel));
        using var wrongChannels = zeros(1, 5, 8, 8);
        var error = await Assert.ThrowsAsync<RpcException>(() => remote.DecodeAsync(wrongChannels));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        using var wrongSize = zeros(1, 3, 30, 30);
        error = await Assert.ThrowsAsync<RpcException>(() => remote.EncodeAsync(wrongSize));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        // Within the batch and side limits, but 11 images of 2048x2048 (553 MB) could not be sent back: refused before decoding.
        using var tooLarge = zeros(11, 4, 512, 512);
        error = await Assert.ThrowsAsync<RpcException>(() => remote.DecodeAsync(tooLarge));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("tensor limit", error.Status.Detail, StringComparison.Ordinal);
    }
}
