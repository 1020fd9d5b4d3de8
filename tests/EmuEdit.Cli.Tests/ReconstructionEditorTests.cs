using EmuEdit.Cli.Evaluation;
using EmuEdit.Evaluation;
using EmuEdit.Evaluation.Benchmark;
using EmuEdit.Pipeline.Abstractions;
using static TorchSharp.torch;

namespace EmuEdit.Cli.Tests;

public class ReconstructionEditorTests
{
    private const int Side = 4;

    /// <summary>A lossless "autoencoder": the latent is the image itself.</summary>
    private sealed class IdentityCodec : ILatentCodec
    {
        public Task<Tensor> EncodeAsync(Tensor images, CancellationToken cancellationToken = default) => Task.FromResult(images.clone());

        public Task<Tensor> DecodeAsync(Tensor latents, CancellationToken cancellationToken = default) => Task.FromResult(latents.clone());

        public Task<LatentGeometry> GetGeometryAsync(CancellationToken cancellationToken = default) => Task.FromResult(new LatentGeometry(3, 1));
    }

    private static BenchmarkExample Example(float input, float target) => new()
    {
        Id = "e",
        Task = "color",
        Instruction = "brighten it",
        Input = Filled(input),
        Target = Filled(target),
        Mask = EditMask.Full(Side, Side),
        IsUnseen = false,
    };

    private static PlanarImage Filled(float value) => new([.. Enumerable.Repeat(value, PlanarImage.Channels * Side * Side)], Side, Side);

    [Theory]
    [InlineData(false, 0.2f)]
    [InlineData(true, 0.8f)]
    public void ReconstructsTheInputOrTheTargetThroughTheCodec(bool ofTarget, float expected)
    {
        var output = new ReconstructionEditor(new IdentityCodec(), Side, ofTarget).Edit([Example(0.2f, 0.8f)]).Single().Output;

        // 8-bit rounded, as the served path writes pixels.
        Assert.All(output.Pixels, v => Assert.Equal(MathF.Round(expected * 255) / 255, v, 1e-6f));
    }

    [Fact]
    public void APerfectLatentEditPassesTheCriterionAndTheRoundTripOfTheInputDoesNot()
    {
        var example = Example(0.2f, 0.8f);
        var scorer = new EditScorer(new EvaluationOptions());
        bool Passes(bool ofTarget)
        {
            var output = new ReconstructionEditor(new IdentityCodec(), Side, ofTarget).Edit([example]).Single().Output;
            return scorer.Score(example.Input, output, example.Target, example.Mask).Success;
        }

        Assert.True(Passes(ofTarget: true));
        Assert.False(Passes(ofTarget: false));
    }
}
