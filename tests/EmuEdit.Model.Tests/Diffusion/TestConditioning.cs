using EmuEdit.Model.Diffusion;
using static TorchSharp.torch;

namespace EmuEdit.Model.Tests.Diffusion;

/// <summary>Small random conditioning with fixed sizes, reproducible from a seed.</summary>
internal static class TestConditioning
{
    public const int Channels = 4;
    public const int Size = 8;
    public const int TextLength = 5;
    public const int TextWidth = 12;
    public const int TaskDim = 6;

    public static EditConditioning Create(long seed, int rows = 1, int realTokens = 3)
    {
        using var g = new Generator((ulong)seed);
        var mask = zeros(new long[] { rows, TextLength }, ScalarType.Bool);
        mask[.., ..realTokens] = tensor(true);
        var nullMask = zeros(new long[] { rows, TextLength }, ScalarType.Bool);
        nullMask[.., ..1] = tensor(true);
        return new EditConditioning(
            randn(new long[] { rows, Channels, Size, Size }, generator: g),
            randn(new long[] { rows, TextLength, TextWidth }, generator: g),
            mask,
            randn(new long[] { rows, TextLength, TextWidth }, generator: g) * 0.1,
            nullMask,
            randn(new long[] { rows, TaskDim }, generator: g));
    }

    public static ToyVelocityModel Model(long seed = 1) => new(Channels, TextWidth, TaskDim, seed: seed);
}
