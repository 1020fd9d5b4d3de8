using EmuEdit.Contracts.V1;
using EmuEdit.Model.Checkpoints;
using EmuEdit.Model.Onnx;
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
/// A model whose text encoder is the frozen all-MiniLM-L6-v2 with a trained head: the export writes no
/// text_encoder.onnx for it, and the text-encoder service serves it on TorchSharp, exactly as in process.
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

    [Fact]
    public async Task The_service_runs_it_on_TorchSharp_and_gives_the_in_process_tensors()
    {
        // The export writes the VAE graphs and leaves the text encoder to TorchSharp.
        var export = ModelOnnxExport.ExportAll(_folder, new ModelOnnxExportOptions { OutputFolder = Path.Combine(_folder, "graphs") });
        Assert.Null(export.TextEncoderPath);
        Assert.Equal(2, export.GraphPaths.Count);
        Assert.All(export.GraphPaths, p => Assert.True(new FileInfo(p).Length > 0));

        await using var service = await ServiceHost.StartAsync(b => b.AddTextEncoder(), a => a.MapTextEncoder(),
            new Dictionary<string, string?> { ["Model:Directory"] = _folder });
        Assert.StartsWith("TorchSharp", service.Services.GetRequiredService<LoadedModelNote>().Text);

        // "vanish" and "murky" are in no phrasing the vocabulary was built from.
        string[] instructions = ["vanish the murky red circle", "", "make the picture brighter"];
        using var channel = GrpcChannel.ForAddress(service.Address);
        using var remote = await new GrpcInstructionEncoder(new TextEncoderService.TextEncoderServiceClient(channel)).EncodeAsync(instructions);
        using var localEncoder = InProcessInstructionEncoder.Load(_folder);
        using var local = await localEncoder.EncodeAsync(instructions);
        Assert.True(local.Context.equal(remote.Context).all().item<bool>());
        Assert.True(local.Mask.equal(remote.Mask).all().item<bool>());
        Assert.True(local.Pooled.equal(remote.Pooled).all().item<bool>());
        Assert.Equal([3L, 8L, 16L], remote.Context.shape);
        Assert.Equal(2L, remote.Mask[1].sum().item<long>()); // the empty instruction is [CLS] [SEP]
        Assert.Throws<NotSupportedException>(() => ModelCheckpoint.LoadTextEncoder(_folder));
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
