using EmuEdit.Model.Configuration;
using EmuEdit.Model.Networks;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace EmuEdit.Model.Tests;

public class UNetTests(ITestOutputHelper output)
{
    private sealed record Inputs(Tensor Zt, Tensor Timesteps, Tensor ImageLatent, Tensor Context, Tensor Mask, Tensor Task);

    private static (ModelConfig Config, UNet UNet) Build(bool imageConditioned = true, long seed = 1)
    {
        TorchRuntime.Initialise();
        var config = TestModels.Micro();
        var unet = new UNet(config.UNet, config.Autoencoder.LatentChannels, config.TextEncoder.Width, config.Tasks.EmbeddingDim, imageConditioned);
        TestModels.Perturb(unet, seed);
        return (config, unet);
    }

    private static Inputs RandomInputs(ModelConfig config, int batch, long seed = 7)
    {
        using var g = new Generator((ulong)seed);
        var c = config.Autoencoder.LatentChannels;
        var s = config.Autoencoder.LatentSize;
        var l = config.TextEncoder.ContextLength;
        // The first half of each row is real text, the rest padding.
        var mask = arange(l).lt(l / 2).unsqueeze(0).expand(batch, -1).contiguous();
        return new Inputs(
            randn([batch, c, s, s], generator: g),
            randint(0, 1000, [batch], dtype: ScalarType.Int64, generator: g),
            randn([batch, c, s, s], generator: g),
            randn([batch, l, config.TextEncoder.Width], generator: g),
            mask,
            randn([batch, config.Tasks.EmbeddingDim], generator: g));
    }

    private static Tensor Run(UNet unet, Inputs i, Tensor? task = null, Tensor? context = null, Tensor? imageLatent = null) =>
        unet.PredictVelocity(i.Zt, i.Timesteps, imageLatent ?? i.ImageLatent, context ?? i.Context, i.Mask, task ?? i.Task);

    [Fact]
    public void OutputHasTheShapeOfZt()
    {
        var (config, unet) = Build();
        using var _ = unet;
        using var scope = NewDisposeScope();
        var inputs = RandomInputs(config, 2);
        var v = Run(unet, inputs);
        Assert.Equal(inputs.Zt.shape, v.shape);
        Assert.True(v.isfinite().all().item<bool>());
    }

    [Fact]
    public void FreshNetworkPredictsZeroBecauseTheOutputConvStartsAtZero()
    {
        TorchRuntime.Initialise();
        var config = TestModels.Micro();
        using var unet = new UNet(config.UNet, config.Autoencoder.LatentChannels, config.TextEncoder.Width, config.Tasks.EmbeddingDim);
        using var scope = NewDisposeScope();
        Assert.Equal(0f, Run(unet, RandomInputs(config, 1)).abs().max().item<float>());
    }

    [Fact]
    public void WideningTheInputConvLeavesTheOutputUnchanged()
    {
        var (config, unet) = Build(imageConditioned: false);
        using var _ = unet;
        using var scope = NewDisposeScope();
        var inputs = RandomInputs(config, 2);
        using var noGrad = no_grad();
        var before = Run(unet, inputs);
        var inputChannelsBefore = unet.named_parameters().Single(p => p.name == "conv_in.weight").parameter.shape[1];

        UNet.WidenForImageConditioning(unet);

        var widenedWeight = unet.named_parameters().Single(p => p.name == "conv_in.weight").parameter;
        Assert.Equal(config.Autoencoder.LatentChannels, inputChannelsBefore);
        Assert.Equal(2 * config.Autoencoder.LatentChannels, widenedWeight.shape[1]);
        Assert.Equal(0f, widenedWeight.narrow(1, config.Autoencoder.LatentChannels, config.Autoencoder.LatentChannels).abs().max().item<float>());
        Assert.True(unet.ImageConditioned);
        var after = Run(unet, inputs); // now reads the (random) image latent through zero weights
        Assert.True(TestModels.MaxAbsDifference(before, after) < 1e-5);
        Assert.Throws<InvalidOperationException>(() => UNet.WidenForImageConditioning(unet));
    }

    [Fact]
    public void DifferentTaskVectorsGiveDifferentOutputs()
    {
        var (config, unet) = Build();
        using var _ = unet;
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var table = new TaskTable(config.Tasks);
        var inputs = RandomInputs(config, 2);
        var local = table.TaskVectors(tensor(new long[] { 0, 0 }));
        var remove = table.TaskVectors(tensor(new long[] { 1, 1 }));
        var a = Run(unet, inputs, task: local);
        var b = Run(unet, inputs, task: remove);
        Assert.True(TestModels.MaxAbsDifference(a, b) > 1e-4);
    }

    [Fact]
    public void ExternalTaskVectorsAreAccepted()
    {
        var (config, unet) = Build();
        using var _ = unet;
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var inputs = RandomInputs(config, 2);
        var inverted = randn(config.Tasks.EmbeddingDim); // learned elsewhere, in no table
        var shared = Run(unet, inputs, task: inverted);
        var perRow = Run(unet, inputs, task: inverted.unsqueeze(0).expand(2, -1));
        Assert.Equal(inputs.Zt.shape, shared.shape);
        Assert.True(TestModels.MaxAbsDifference(shared, perRow) < 1e-6);
        Assert.Throws<ArgumentException>(() => Run(unet, inputs, task: randn(config.Tasks.EmbeddingDim + 1)));
    }

    [Fact]
    public void TaskVectorGetsGradientsForInversion()
    {
        var (config, unet) = Build();
        using var _ = unet;
        using var scope = NewDisposeScope();
        foreach (var p in unet.parameters()) p.requires_grad = false;
        var inputs = RandomInputs(config, 2);
        var vNew = randn(config.Tasks.EmbeddingDim).requires_grad_();
        Run(unet, inputs, task: vNew).square().mean().backward();
        Assert.NotNull(vNew.grad);
        Assert.True(vNew.grad!.abs().sum().item<float>() > 0);
    }

    [Fact]
    public void PaddedTextPositionsDoNotChangeTheOutput()
    {
        var (config, unet) = Build();
        using var _ = unet;
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var inputs = RandomInputs(config, 2);
        var scrambled = where(inputs.Mask.unsqueeze(-1), inputs.Context, randn_like(inputs.Context) * 10);
        var a = Run(unet, inputs);
        var b = Run(unet, inputs, context: scrambled);
        Assert.True(TestModels.MaxAbsDifference(a, b) < 1e-5);
        // ... while the real positions do matter.
        var changedReal = where(inputs.Mask.unsqueeze(-1), randn_like(inputs.Context), inputs.Context);
        Assert.True(TestModels.MaxAbsDifference(a, Run(unet, inputs, context: changedReal)) > 1e-4);
    }

    [Fact]
    public void ImageLatentChangesTheOutput()
    {
        var (config, unet) = Build();
        using var _ = unet;
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var inputs = RandomInputs(config, 1);
        Assert.True(TestModels.MaxAbsDifference(Run(unet, inputs), Run(unet, inputs, imageLatent: zeros_like(inputs.ImageLatent))) > 1e-4);
    }

    [Fact]
    public void MisShapedInputsFailWithAClearMessage()
    {
        var (config, unet) = Build();
        using var _ = unet;
        using var scope = NewDisposeScope();
        var inputs = RandomInputs(config, 2);
        var e = Assert.Throws<ArgumentException>(() => Run(unet, inputs, imageLatent: inputs.ImageLatent.narrow(0, 0, 1)));
        Assert.Contains("image latent", e.Message);
    }

    [Fact]
    public void LargePresetBuildsAndRunsOneForward()
    {
        TorchRuntime.Initialise();
        var config = ModelConfig.LoadPreset("large");
        using var unet = new UNet(config.UNet, config.Autoencoder.LatentChannels, config.TextEncoder.Width, config.Tasks.EmbeddingDim);
        output.WriteLine($"large: U-Net {TestModels.ParameterCount(unet):N0} parameters");
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        // The large U-Net's smallest valid latent: one cell at the lowest level, so the test stays fast on a CPU.
        var side = 1 << (config.UNet.ChannelMultipliers.Count - 1);
        var zt = randn(1, config.Autoencoder.LatentChannels, side, side);
        var context = randn(1, config.TextEncoder.ContextLength, config.TextEncoder.Width);
        var mask = ones(1, config.TextEncoder.ContextLength, dtype: ScalarType.Bool);
        var v = unet.PredictVelocity(zt, tensor(new long[] { 500 }), randn_like(zt), context, mask, randn(1, config.Tasks.EmbeddingDim));
        Assert.Equal(zt.shape, v.shape);
        Assert.True(v.isfinite().all().item<bool>());
    }
}
