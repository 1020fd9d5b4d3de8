using EmuEdit.Contracts.V1;
using EmuEdit.Model.Checkpoints;
using EmuEdit.Model.Onnx;
using EmuEdit.Onnx.Runtime;
using EmuEdit.Pipeline.InProcess;
using EmuEdit.Pipeline.Serving;
using EmuEdit.Pipeline.Tests.Support;
using EmuEdit.Pipeline.Remote;
using EmuEdit.TaskPrediction;
using EmuEdit.Testing;
using EmuEdit.TextEncoder;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;

namespace EmuEdit.ModelServices.Tests;

/// <summary>
/// A model whose text encoder is the frozen all-MiniLM-L6-v2 with a trained head: the text-encoder service
/// serves it on TorchSharp and, once exported (text_encoder.onnx = the head), on ONNX Runtime, as in process.
/// </summary>
public sealed class PretrainedTextEncoderServiceTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"emuedit-pretrained-{Guid.NewGuid():N}");

    public PretrainedTextEncoderServiceTests()
    {
        var config = TinyModelFolder.ConfigJson.Replace("\"vocabularySize\": 64", "\"vocabularySize\": 64, \"pretrained\": \"all-MiniLM-L6-v2\"", StringComparison.Ordinal);
        Assert.NotEqual(TinyModelFolder.ConfigJson, config);
        var phrasings = TinyModelFolder.Phrasings.Select(p => new LabelledInstruction(p.Instruction, p.Task)).ToArray();
        RandomModelFolder.Write(_folder, config, phrasings, phrasings.Select(p => p.Task).Distinct().ToArray(), weightSeed: 5, perturbScale: 0.05);
    }

    // "vanish" and "murky" are in no phrasing the compact vocabulary was built from.
    private static readonly string[] Instructions = ["vanish the murky red circle", "", "make the picture brighter"];

    [Fact]
    public async Task The_service_gives_the_in_process_tensors_on_TorchSharp_and_on_ONNX_Runtime()
    {
        using var localEncoder = InProcessInstructionEncoder.Load(_folder);
        using var local = await localEncoder.EncodeAsync(Instructions);
        Assert.Equal([3L, 8L, 16L], local.Context.shape);
        Assert.Equal(2L, local.Mask[1].sum().item<long>()); // the empty instruction is [CLS] [SEP]
        Assert.Throws<NotSupportedException>(() => ModelCheckpoint.LoadTextEncoder(_folder));

        // No graphs yet: Inference:Runtime Auto runs the checkpoint on TorchSharp, bit for bit the in-process result.
        using (var remote = await EncodeThroughService("TorchSharp"))
        {
            Assert.True(local.Context.equal(remote.Context).all().item<bool>());
            Assert.True(local.Mask.equal(remote.Mask).all().item<bool>());
            Assert.True(local.Pooled.equal(remote.Pooled).all().item<bool>());
        }

        // Exported beside the checkpoint, text_encoder.onnx is the head; the service runs the frozen encoder, then it.
        var export = ModelOnnxExport.ExportAll(_folder);
        var proto = EmuEdit.Onnx.Protos.ModelProto.Parser.ParseFrom(File.ReadAllBytes(export.TextEncoderPath));
        Assert.Contains(proto.MetadataProps, p => p.Key == OnnxMetadataKeys.PretrainedEncoder && p.Value == "all-MiniLM-L6-v2");
        using (var remote = await EncodeThroughService("ONNX Runtime"))
        {
            Assert.True(local.Mask.equal(remote.Mask).all().item<bool>());
            Assert.True((local.Context - remote.Context).abs().max().item<float>() < 1e-4f);
            Assert.True((local.Pooled - remote.Pooled).abs().max().item<float>() < 1e-4f);
        }
    }

    private async Task<EmuEdit.Pipeline.Abstractions.InstructionEncoding> EncodeThroughService(string runtime)
    {
        await using var service = await ServiceHost.StartAsync(b => b.AddTextEncoder(), a => a.MapTextEncoder(),
            new Dictionary<string, string?> { ["Model:Directory"] = _folder });
        Assert.StartsWith(runtime, service.Services.GetRequiredService<LoadedModelNote>().Text);
        using var channel = GrpcChannel.ForAddress(service.Address);
        return await new GrpcInstructionEncoder(new TextEncoderService.TextEncoderServiceClient(channel)).EncodeAsync(Instructions);
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
