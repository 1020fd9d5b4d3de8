using EmuEdit.Model.Networks;
using EmuEdit.Onnx.Export;
using EmuEdit.Onnx.Graph;
using EmuEdit.Onnx.Runtime;
using static TorchSharp.torch;

namespace EmuEdit.Model.Onnx.Tests;

/// <summary>
/// The emitter paths the three model graphs do not take (a residual block with an embedding, cross-attention
/// without a mask), checked on their own so a later U-Net export can rely on them.
/// </summary>
public sealed class BlockParityTests : IDisposable
{
    private const float Tolerance = 1e-4f;
    private readonly string _folder = Directory.CreateTempSubdirectory("emuedit-onnx-blocks").FullName;

    public BlockParityTests() => TorchRuntime.Initialise();

    [Fact]
    public void ResidualBlockWithAnEmbeddingMatches()
    {
        using var block = new ResidualBlock(8, 16, normGroups: 4, embeddingWidth: 12);
        block.eval();
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var x = randn(2, 8, 6, 10);
        var embedding = randn(2, 12);
        var expected = block.forward(x, embedding);

        var outputs = Run(block,
            [OnnxTensorSpec.Float("x", "batch", 8, "h", "w"), OnnxTensorSpec.Float("embedding", "batch", 12)],
            OnnxTensorSpec.Float("y", "batch", 16, "h", "w"),
            OnnxInputTensor.Float("x", TestImages.Floats(x), 2, 8, 6, 10),
            OnnxInputTensor.Float("embedding", TestImages.Floats(embedding), 2, 12));

        Assert.True(Differences.MaxAbs(TestImages.Floats(expected), outputs) <= Tolerance);
    }

    [Fact]
    public void ResidualBlockWithAnEmbeddingButNoEmbeddingInputFailsNamingIt()
    {
        using var block = new ResidualBlock(8, 8, normGroups: 4, embeddingWidth: 12);
        var e = Assert.Throws<OnnxExportException>(() => OnnxExporter.Export(block,
            [OnnxTensorSpec.Float("x", "batch", 8, "h", "w")], [OnnxTensorSpec.Float("y", "batch", 8, "h", "w")],
            new OnnxExportOptions { Registry = ModelOnnxEmitters.CreateRegistry() }));
        Assert.Contains("embedding", e.Message);
    }

    [Fact]
    public void CrossAttentionWithoutAMaskMatches()
    {
        using var attention = new MultiHeadAttention(queryWidth: 16, contextWidth: 24, heads: 4);
        attention.eval();
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var x = randn(3, 5, 16);
        var context = randn(3, 7, 24);
        var expected = attention.forward(x, context, null);

        var outputs = Run(attention,
            [OnnxTensorSpec.Float("x", "batch", "Lq", 16), OnnxTensorSpec.Float("context", "batch", "Lk", 24)],
            OnnxTensorSpec.Float("y", "batch", "Lq", 16),
            OnnxInputTensor.Float("x", TestImages.Floats(x), 3, 5, 16),
            OnnxInputTensor.Float("context", TestImages.Floats(context), 3, 7, 24));

        Assert.True(Differences.MaxAbs(TestImages.Floats(expected), outputs) <= Tolerance);
    }

    [Fact]
    public void ADecoderDeeperThanItsEncoderMatches()
    {
        // A grown decoder (`train autoencoder --decoder-blocks`): the walk must put each upsampler after the
        // last of the level's blocks, not after every encoder-depth's worth of them.
        var options = Configuration.ModelConfig.LoadPreset("tiny").Autoencoder with { Widths = [8, 8, 16], NormGroups = 4, DecoderResBlocksPerLevel = 3 };
        using var decoder = new AutoencoderDecoder(options);
        decoder.eval();
        Assert.Equal(9, decoder.Blocks.Count);
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var z = randn(2, options.LatentChannels, 4, 6);
        var expected = decoder.forward(z);

        var outputs = Run(decoder,
            [OnnxTensorSpec.Float("z", "batch", options.LatentChannels, "h", "w")],
            OnnxTensorSpec.Float("image", "batch", 3, "H", "W"),
            OnnxInputTensor.Float("z", TestImages.Floats(z), 2, options.LatentChannels, 4, 6));

        Assert.Equal(2 * 3 * 16 * 24, outputs.Length);
        Assert.True(Differences.MaxAbs(TestImages.Floats(expected), outputs) <= Tolerance);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private float[] Run(nn.Module module, OnnxTensorSpec[] inputs, OnnxTensorSpec output, params OnnxInputTensor[] feeds)
    {
        var path = Path.Combine(_folder, $"{module.GetType().Name}.onnx");
        OnnxExporter.Export(module, inputs, [output], path, new OnnxExportOptions { Registry = ModelOnnxEmitters.CreateRegistry() });
        using var session = new OnnxModelSession(path);
        return session.Run(feeds)[0].Data;
    }
}
