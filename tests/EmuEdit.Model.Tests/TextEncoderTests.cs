using EmuEdit.Model.Networks;
using EmuEdit.Model.Text;
using EmuEdit.Tokenization;
using static TorchSharp.torch;

namespace EmuEdit.Model.Tests;

public class TextEncoderTests
{
    [Fact]
    public void OutputsContextAndPooledVector()
    {
        TorchRuntime.Initialise();
        var config = TestModels.Micro();
        using var encoder = new TextEncoder(config.TextEncoder);
        using var batch = TestModels.MicroTokenizer(config).EncodeBatch(["make the sky blue", "add a green circle"]);
        using var scope = NewDisposeScope();
        var encoding = encoder.forward(batch.Ids, batch.Mask);
        Assert.Equal([2, config.TextEncoder.ContextLength, config.TextEncoder.Width], encoding.Context.shape);
        Assert.Equal([2, config.TextEncoder.Width], encoding.Pooled.shape);
    }

    [Fact]
    public void PaddingDoesNotChangeTheRealPositions()
    {
        TorchRuntime.Initialise();
        var config = TestModels.Micro();
        using var encoder = new TextEncoder(config.TextEncoder);
        using var batch = TestModels.MicroTokenizer(config).EncodeBatch(["remove the red triangle"]);
        using var scope = NewDisposeScope();
        // Whatever sits at padded positions (here: real word ids instead of pad) must not leak into real tokens.
        var garbage = where(batch.Mask, batch.Ids, full_like(batch.Ids, SpecialTokens.Count + 1));
        Assert.True(garbage.ne(batch.Ids).any().item<bool>());

        var clean = encoder.forward(batch.Ids, batch.Mask);
        var dirty = encoder.forward(garbage, batch.Mask);
        var real = batch.Mask[0].nonzero().squeeze(1);
        Assert.True(TestModels.MaxAbsDifference(clean.Context.index_select(1, real), dirty.Context.index_select(1, real)) < 1e-6);
        Assert.True(TestModels.MaxAbsDifference(clean.Pooled, dirty.Pooled) < 1e-6);
    }

    [Fact]
    public void EmptyInstructionEncodesToAFiniteContext()
    {
        using var model = TestModels.MicroModel();
        using var scope = NewDisposeScope();
        var empty = model.NullText(2);
        Assert.True(empty.Context.isfinite().all().item<bool>());
        Assert.True(empty.Pooled.isfinite().all().item<bool>());
        Assert.Equal(2, empty.Mask.sum().item<long>());
    }
}
