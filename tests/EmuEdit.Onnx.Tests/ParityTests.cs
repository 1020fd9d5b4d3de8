using EmuEdit.Onnx.Export;
using EmuEdit.Onnx.Graph;
using EmuEdit.Onnx.Runtime;
using EmuEdit.Onnx.Tests.TestModules;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace EmuEdit.Onnx.Tests;

/// <summary>Graphs exported from small networks compute what TorchSharp computes, at batch 1 and 3.</summary>
public sealed class ParityTests(ITestOutputHelper output) : OnnxTestBase
{
    private const float Tolerance = 1e-4f;

    [Theory]
    [InlineData(1, 8, 8, GroupNormExport.InstanceNormalization)]
    [InlineData(3, 12, 10, GroupNormExport.InstanceNormalization)]
    [InlineData(1, 8, 8, GroupNormExport.GroupNormalization21)]
    [InlineData(3, 12, 10, GroupNormExport.GroupNormalization21)]
    public void Conv_groupnorm_silu_upsample_block_matches_TorchSharp(int batch, int height, int width, GroupNormExport groupNorm)
    {
        manual_seed(1);
        var net = TestNetworks.ConvBlock();
        net.eval();
        var path = Export(net,
            [OnnxTensorSpec.Float("image", "batch", 3, "height", "width")],
            [OnnxTensorSpec.Float("features", "batch", 4, "out_height", "out_width")],
            new OnnxExportOptions { GroupNorm = groupNorm });

        using var x = randn(batch, 3, height, width);
        using var expected = net.forward(x);
        using var session = new OnnxModelSession(path);
        var result = session.Run(OnnxInputTensor.Float("image", Floats(x), x.shape))["features"];

        Assert.Equal(expected.shape, result.Shape);
        Report("conv block", batch, groupNorm.ToString(), MaxAbsDiff(Floats(expected), result.Data));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Linear_layernorm_gelu_mlp_matches_TorchSharp(int batch)
    {
        manual_seed(2);
        var net = TestNetworks.Mlp();
        net.train(); // the exporter must switch to eval itself (dropout) and restore the flag
        var path = Export(net, [OnnxTensorSpec.Float("x", "batch", "tokens", 16)], [OnnxTensorSpec.Float("y", "batch", "tokens", 8)]);
        Assert.True(net.training);

        net.eval();
        using var x = randn(batch, 5, 16);
        using var expected = net.forward(x);
        using var session = new OnnxModelSession(path);
        var result = session.Run(OnnxInputTensor.Float("x", Floats(x), x.shape))["y"];

        Assert.Equal(expected.shape, result.Shape);
        Report("mlp", batch, "", MaxAbsDiff(Floats(expected), result.Data));
    }

    [Theory]
    [InlineData(1, 9, 9)]
    [InlineData(3, 6, 11)]
    public void Layer_variants_match_TorchSharp(int batch, int height, int width)
    {
        manual_seed(5);
        var net = TestNetworks.Variants();
        net.eval();
        var path = Export(net, [OnnxTensorSpec.Float("x", "batch", 3, "H", "W")], [OnnxTensorSpec.Float("y", "batch", 6, 10, 12)]);

        using var x = randn(batch, 3, height, width);
        using var expected = net.forward(x);
        using var session = new OnnxModelSession(path);
        var result = session.Run(OnnxInputTensor.Float("x", Floats(x), x.shape))["y"];

        Assert.Equal(expected.shape, result.Shape);
        Report("variants", batch, $"{height}x{width}", MaxAbsDiff(Floats(expected), result.Data));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Module_applied_twice_shares_one_set_of_weights(int batch)
    {
        manual_seed(6);
        var net = new TwiceApplied();
        net.eval();
        var path = Export(net, [OnnxTensorSpec.Float("x", "batch", 8)], [OnnxTensorSpec.Float("y", "batch", 8)]);

        using var x = randn(batch, 8);
        using var expected = net.forward(x);
        using var session = new OnnxModelSession(path);
        var result = session.Run(OnnxInputTensor.Float("x", Floats(x), x.shape))["y"];

        Assert.Equal(2, Protos.ModelProto.Parser.ParseFrom(File.ReadAllBytes(path)).Graph.Initializer.Count);
        Report("shared weights", batch, "", MaxAbsDiff(Floats(expected), result.Data));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Functional_helpers_match_TorchSharp(int batch)
    {
        manual_seed(7);
        var net = new FunctionalMix();
        var path = Export(net,
            [OnnxTensorSpec.Float("x", "batch", 4, "H", "W"), OnnxTensorSpec.Bool("keep", "batch", 1, "H", "W")],
            [OnnxTensorSpec.Float("y", "batch", 4, "H2", "W2")]);

        using var x = randn(batch, 4, 5, 6);
        using var keep = rand(batch, 1, 5, 6) > 0.3;
        using var expected = net.forward(x, keep);
        using var session = new OnnxModelSession(path);
        var result = session.Run(
            OnnxInputTensor.Float("x", Floats(x), x.shape),
            OnnxInputTensor.Bool("keep", keep.data<bool>().ToArray(), keep.shape))["y"];

        Assert.Equal(expected.shape, result.Shape);
        Report("functional helpers", batch, "", MaxAbsDiff(Floats(expected), result.Data));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Embedding_masked_self_attention_custom_module_matches_TorchSharp(int batch)
    {
        manual_seed(3);
        const int vocab = 50, dim = 32, length = 7;
        var net = new MaskedSelfAttentionEncoder(vocab, dim, heads: 4);
        net.eval();
        var path = Export(net,
            [OnnxTensorSpec.Int64("token_ids", "batch", "L"), OnnxTensorSpec.Bool("token_mask", "batch", "L")],
            [OnnxTensorSpec.Float("context", "batch", "L", dim), OnnxTensorSpec.Float("pooled", "batch", dim)]);

        using var ids = randint(0, vocab, [batch, length], dtype: ScalarType.Int64);
        // Row b keeps its first length - 2b tokens: padding of several lengths, never an empty row.
        var maskValues = new bool[batch * length];
        for (var b = 0; b < batch; b++)
            for (var t = 0; t < length; t++) maskValues[b * length + t] = t < length - 2 * b;
        using var mask = tensor(maskValues, [batch, length]);
        var (context, pooled) = net.forward(ids, mask);

        using var session = new OnnxModelSession(path);
        var result = session.Run(
            OnnxInputTensor.Int64("token_ids", ids.data<long>().ToArray(), ids.shape),
            OnnxInputTensor.Bool("token_mask", maskValues, batch, length));

        Assert.Equal(context.shape, result["context"].Shape);
        Assert.Equal(pooled.shape, result["pooled"].Shape);
        Report("attention context", batch, "", MaxAbsDiff(Floats(context), result["context"].Data));
        Report("attention pooled", batch, "", MaxAbsDiff(Floats(pooled), result["pooled"].Data));
    }

    private void Report(string what, int batch, string variant, float diff)
    {
        output.WriteLine($"{what} batch={batch} {variant}: max |torch - onnx| = {diff:E2}");
        Assert.True(diff <= Tolerance, $"{what} at batch {batch}: max abs difference {diff:E2} exceeds {Tolerance:E0}");
    }
}
