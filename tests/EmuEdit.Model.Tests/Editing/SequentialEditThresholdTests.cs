using EmuEdit.Model.Editing;
using EmuEdit.Model.Tests.Diffusion;
using static TorchSharp.torch;

namespace EmuEdit.Model.Tests.Editing;

public class SequentialEditThresholdTests
{
    private readonly SequentialEditThreshold _threshold = new(new SequentialEditThresholdOptions());

    public SequentialEditThresholdTests() => TorchRuntime.Initialise();

    [Fact]
    public void ChangesBelowAlphaEverywhereReturnTheOldImageExactly()
    {
        using var g = new Generator(1);
        using var old = rand(new long[] { 2, 3, 16, 16 }, generator: g);
        using var jitter = (rand(new long[] { 2, 3, 16, 16 }, generator: g) - 0.5) * 0.05; // |change| <= 0.025 < alpha
        using var next = old + jitter;
        using var result = _threshold.Apply(old, next);
        Assert.True(result.IsBitEqual(old));
    }

    [Fact]
    public void LargeLocalChangeIsKeptAndTheRestRestored()
    {
        using var g = new Generator(2);
        using var old = rand(new long[] { 3, 24, 24 }, generator: g);
        using var noise = (rand(new long[] { 3, 24, 24 }, generator: g) - 0.5) * 0.02;
        using var next = old + noise;
        next[.., 8..16, 8..16] = 1 - old[.., 8..16, 8..16] * 0.1;
        using var result = _threshold.Apply(old, next);

        Assert.Equal(old.shape, result.shape);
        Assert.True(result[.., 9..15, 9..15].IsBitEqual(next[.., 9..15, 9..15]));
        Assert.True(result[.., ..4, ..].IsBitEqual(old[.., ..4, ..]));
        Assert.True(result[.., 20.., ..].IsBitEqual(old[.., 20.., ..]));
        Assert.True(result[.., .., ..4].IsBitEqual(old[.., .., ..4]));
    }

    [Fact]
    public void WithAReferenceTheChangeIsMeasuredAgainstItAndTheOldPixelsAreKept()
    {
        using var g = new Generator(3);
        // The old image and its reconstruction differ everywhere by far more than alpha (an autoencoder's error).
        using var old = rand(new long[] { 3, 24, 24 }, generator: g);
        using var reference = (old * 0.5 + 0.25).contiguous();
        using var next = reference.clone();
        next[.., 8..16, 8..16] = 1 - reference[.., 8..16, 8..16];

        using var result = _threshold.Apply(old, next, reference);

        // Untouched by the edit: the old pixels exactly, though next differs from them by ~0.25.
        Assert.True(result[.., ..4, ..].IsBitEqual(old[.., ..4, ..]));
        Assert.True(result[.., 20.., ..].IsBitEqual(old[.., 20.., ..]));
        Assert.True(result[.., 9..15, 9..15].IsBitEqual(next[.., 9..15, 9..15]));
        // Measured against the old image instead, every pixel reads as changed and nothing is kept.
        using var againstOld = _threshold.Apply(old, next);
        Assert.True(againstOld.IsBitEqual(next));
    }

    [Fact]
    public void AReferenceOfAnotherShapeIsRefused()
    {
        using var image = zeros(3, 8, 8);
        using var other = zeros(3, 8, 9);
        Assert.Throws<ArgumentException>(() => _threshold.Apply(image, image, other));
    }
}
