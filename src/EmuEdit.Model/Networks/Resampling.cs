using TorchSharp.Modules;
using static TorchSharp.torch;

namespace EmuEdit.Model.Networks;

/// <summary>Halving and doubling of resolution between levels, shared by the autoencoder and the U-Net.</summary>
internal static class Resampling
{
    /// <summary>Every level boundary changes resolution by this factor (so f = 2^(levels - 1)).</summary>
    public const int LevelFactor = 2;
}

/// <summary>A stride-2 3x3 conv: learned downsampling that exports as a plain Conv.</summary>
internal sealed class Downsample : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv;

    public Downsample(int channels) : base(nameof(Downsample))
    {
        conv = nn.Conv2d(channels, channels, kernel_size: 3, stride: Resampling.LevelFactor, padding: 1);
        RegisterComponents();
    }

    // Read by the ONNX emitters (src/EmuEdit.Model.Onnx).
    internal Conv2d Conv => conv;

    public override Tensor forward(Tensor x) => conv.forward(x);
}

/// <summary>Nearest-neighbour doubling then a 3x3 conv: no checkerboard artefacts and an ONNX Resize(nearest) on export.</summary>
internal sealed class Upsample : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv;

    public Upsample(int channels) : base(nameof(Upsample))
    {
        conv = nn.Conv2d(channels, channels, kernel_size: 3, padding: 1);
        RegisterComponents();
    }

    // Read by the ONNX emitters (src/EmuEdit.Model.Onnx).
    internal Conv2d Conv => conv;

    public override Tensor forward(Tensor x)
    {
        var up = nn.functional.interpolate(x, scale_factor: [Resampling.LevelFactor, Resampling.LevelFactor], mode: InterpolationMode.Nearest);
        return conv.forward(up);
    }
}
