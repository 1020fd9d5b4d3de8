using EmuEdit.Contracts.V1;
using EmuEdit.Pipeline.Abstractions;
using EmuEdit.Pipeline.InProcess;
using EmuEdit.Pipeline.Remote;
using EmuEdit.Pipeline.Serving;
using EmuEdit.Pipeline.Tests.Support;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;
using static TorchSharp.torch;

namespace EmuEdit.ModelServices.Tests;

/// <summary>With Inference:Runtime=Onnx the services answer what the TorchSharp networks compute, to float tolerance.</summary>
public sealed class OnnxRuntimeServiceTests(OnnxServicesFixture services) : IClassFixture<OnnxServicesFixture>
{
    // ONNX Runtime and LibTorch order their sums differently; the exporter's own parity tests use the same bound.
    private const double Tolerance = 1e-4;

    [Fact]
    public async Task TextEncoderOnOnnxRuntimeMatchesTorchSharp()
    {
        Assert.StartsWith("ONNX Runtime", services.TextEncoder.Services.GetRequiredService<LoadedModelNote>().Text);
        string[] instructions = ["remove the red circle", ""];
        using var channel = GrpcChannel.ForAddress(services.TextEncoder.Address);
        using var remote = await new GrpcInstructionEncoder(new TextEncoderService.TextEncoderServiceClient(channel)).EncodeAsync(instructions);
        using var localEncoder = InProcessInstructionEncoder.Load(services.Model.Path);
        using var local = await localEncoder.EncodeAsync(instructions);
        Assert.True(local.Mask.equal(remote.Mask).all().item<bool>());
        using var mask = local.Mask.unsqueeze(-1);
        Assert.True(local.Context.mul(mask).allclose(remote.Context.mul(mask), atol: Tolerance));
        Assert.True(local.Pooled.allclose(remote.Pooled, atol: Tolerance));
    }

    [Fact]
    public async Task VaeOnOnnxRuntimeMatchesTorchSharp()
    {
        Assert.StartsWith("ONNX Runtime", services.VaeDecoder.Services.GetRequiredService<LoadedModelNote>().Text);
        using var channel = GrpcChannel.ForAddress(services.VaeDecoder.Address);
        var remote = new GrpcLatentCodec(new VaeService.VaeServiceClient(channel));
        using var local = InProcessLatentCodec.Load(services.Model.Path);
        using var generator = new Generator(5);
        using var images = rand([1, 3, 32, 32], generator: generator) * 2 - 1;
        using var remoteLatent = await remote.EncodeAsync(images);
        using var localLatent = await local.EncodeAsync(images);
        Assert.True(localLatent.allclose(remoteLatent, atol: Tolerance));
        using var remoteImage = await remote.DecodeAsync(localLatent);
        using var localImage = await local.DecodeAsync(localLatent);
        Assert.True(localImage.allclose(remoteImage, atol: Tolerance));
        Assert.Equal(local.Geometry, await remote.GetGeometryAsync());
    }
}
