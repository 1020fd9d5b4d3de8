using System.Globalization;
using EmuEdit.Inference;
using EmuEdit.Model.Checkpoints;
using EmuEdit.Model.Networks;
using EmuEdit.Model.Onnx.Emitters;
using EmuEdit.Onnx.Export;
using EmuEdit.Onnx.Runtime;
using EmuEdit.Tokenization;

namespace EmuEdit.Model.Onnx.Tests;

[Collection(ExportedModelCollection.Name)]
public class ExportTests(ExportedModel model)
{
    [Fact]
    public void TheThreeGraphsFitTheServiceContracts()
    {
        OnnxGraphContracts.TextEncoder.Verify(model.Session(OnnxModelFiles.TextEncoder));
        OnnxGraphContracts.VaeEncoder.Verify(model.Session(OnnxModelFiles.VaeEncoder));
        OnnxGraphContracts.VaeDecoder.Verify(model.Session(OnnxModelFiles.VaeDecoder));
        Assert.True(File.Exists(model.Export.VocabularyPath));
    }

    [Fact]
    public void TextEncoderMetadataDescribesTheTokenizer()
    {
        var m = model.Session(OnnxModelFiles.TextEncoder).Metadata;
        Assert.Equal(OnnxGraphRoles.TextEncoder, m[OnnxMetadataKeys.Role]);
        Assert.Equal(OnnxTokenizerFamilies.CompactGpt2, m[OnnxMetadataKeys.Tokenizer]);
        Assert.Equal(ModelCheckpoint.VocabularyFile, m[OnnxMetadataKeys.TokenizerVocabulary]);
        Assert.Equal(Invariant(model.Config.TextEncoder.ContextLength), m[OnnxMetadataKeys.MaxTokens]);
        Assert.Equal(Invariant(SpecialTokens.Pad), m[OnnxMetadataKeys.PadTokenId]);
        Assert.Equal(Invariant(SpecialTokens.EndOfText), m[OnnxMetadataKeys.EosTokenId]);
        Assert.False(m.ContainsKey(OnnxMetadataKeys.BosTokenId));
        Assert.Equal(model.Config.Name, m[OnnxMetadataKeys.ModelName]);
        Assert.Matches("^[0-9a-f]{64}$", m[OnnxMetadataKeys.SourceWeightsSha256]);
        Assert.Equal(model.Config.TextEncoder.Width, model.TextEncoder.Width);
        Assert.Equal(model.Tokenizer.Gpt2Ids, ((InstructionTokenizer)model.TextEncoder.Tokenizer).Gpt2Ids);
    }

    [Theory]
    [InlineData(OnnxModelFiles.VaeEncoder, OnnxGraphRoles.VaeEncoder)]
    [InlineData(OnnxModelFiles.VaeDecoder, OnnxGraphRoles.VaeDecoder)]
    public void VaeMetadataCarriesTheLatentGeometry(string file, string role)
    {
        var m = model.Session(file).Metadata;
        var o = model.Config.Autoencoder;
        Assert.Equal(role, m[OnnxMetadataKeys.Role]);
        Assert.Equal(Invariant(o.DownFactor), m[OnnxMetadataKeys.DownsampleFactor]);
        Assert.Equal(Invariant(o.LatentChannels), m[OnnxMetadataKeys.LatentChannels]);
        Assert.Equal(model.TorchAutoencoder.LatentScale, float.Parse(m[OnnxMetadataKeys.LatentScale], CultureInfo.InvariantCulture));
        Assert.Equal(o.DownFactor, model.Vae.DownsampleFactor);
        Assert.Equal(o.LatentChannels, model.Vae.LatentChannels);
    }

    [Fact]
    public void InitializersKeepTheCheckpointNames()
    {
        var proto = OnnxExporter.Export(model.TorchAutoencoder, [OnnxTensorSpecs.Image], [OnnxTensorSpecs.Latent(model.Config.Autoencoder.LatentChannels)],
            new OnnxExportOptions { Registry = ModelOnnxEmitters.ForVaeEncoder() });
        var stateKeys = model.TorchAutoencoder.state_dict().Keys.ToHashSet();
        var names = proto.Graph.Initializer.Select(i => i.Name).ToArray();
        Assert.Contains("latent_scale", names);
        Assert.Contains("encoder.conv_in.weight", names);
        Assert.All(names, n => Assert.Contains(n, stateKeys));
        Assert.DoesNotContain(names, n => n.StartsWith("decoder.", StringComparison.Ordinal));
    }

    [Fact]
    public void AnUnsupportedBlockFailsNamingIt()
    {
        // Only the root's emitter, none for its blocks: the export must name the first block it cannot write.
        var registry = OnnxEmitterRegistry.CreateDefault().Register<Autoencoder>(new VaeEncodeEmitter());
        var e = Assert.Throws<UnsupportedModuleException>(() => OnnxExporter.Export(model.TorchAutoencoder,
            [OnnxTensorSpecs.Image], [OnnxTensorSpecs.Latent(model.Config.Autoencoder.LatentChannels)], new OnnxExportOptions { Registry = registry }));
        Assert.Contains("'encoder'", e.Message);
        Assert.Contains("AutoencoderEncoder", e.Message);
    }

    [Fact]
    public void ExportAllWritesBesideTheCheckpointByDefault()
    {
        var copy = Path.Combine(model.GraphFolder, "checkpoint-copy");
        Directory.CreateDirectory(copy);
        foreach (var file in new[] { ModelCheckpoint.ConfigFile, ModelCheckpoint.VocabularyFile, ModelCheckpoint.AutoencoderWeights, ModelCheckpoint.TextEncoderWeights })
            File.Copy(Path.Combine(model.CheckpointFolder, file), Path.Combine(copy, file));

        var result = ModelOnnxExport.ExportAll(copy);

        Assert.All(result.GraphPaths, p => Assert.Equal(Path.GetFullPath(copy), Path.GetDirectoryName(Path.GetFullPath(p))));
        Assert.All(result.GraphPaths, p => Assert.True(new FileInfo(p).Length > 0));
        using var catalog = new OnnxModelCatalog(new OnnxSessionOptions());
        var encoder = OnnxTextEncoder.Open(catalog.Get(result.TextEncoderPath));
        Assert.Equal(model.TextEncoder.Encode(["make the sky blue"]).Pooled, encoder.Encode(["make the sky blue"]).Pooled);
    }

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
