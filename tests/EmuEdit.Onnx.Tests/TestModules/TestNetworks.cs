using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace EmuEdit.Onnx.Tests.TestModules;

/// <summary>Small networks built from stock layers, shaped like the pieces of the project's models.</summary>
internal static class TestNetworks
{
    /// <summary>Conv / GroupNorm / SiLU / nearest upsample, as in the autoencoder's decoder blocks.</summary>
    public static Sequential ConvBlock()
    {
        var net = nn.Sequential(
            ("conv_in", nn.Conv2d(3, 8, 3, padding: 1)),
            ("norm", nn.GroupNorm(4, 8)),
            ("act", nn.SiLU()),
            ("up", nn.Upsample(scale_factor: [2.0, 2.0], mode: UpsampleMode.Nearest)),
            ("down", nn.Conv2d(8, 8, 3, stride: 2, padding: 1, groups: 2)),
            ("norm2", nn.GroupNorm(2, 8)),
            ("same", nn.Conv2d(8, 6, 3, padding: Padding.Same, bias: false)),
            ("act2", nn.SiLU()),
            ("conv_out", nn.Conv2d(6, 4, 1)));
        RandomiseNorms(net);
        return net;
    }

    /// <summary>Linear / LayerNorm / GELU MLP on [batch, tokens, features], with the other activations and dropout.</summary>
    public static Sequential Mlp()
    {
        var net = nn.Sequential(
            ("fc1", nn.Linear(16, 32)),
            ("ln", nn.LayerNorm(32)),
            ("gelu", nn.GELU()),
            ("drop", nn.Dropout(0.5)),
            ("fc2", nn.Linear(32, 32)),
            ("gelu_tanh", nn.GELU(GELU.Approximate.tanh)),
            ("id", nn.Identity()),
            ("fc3", nn.Linear(32, 24, hasBias: false)),
            ("relu", nn.ReLU()),
            ("fc4", nn.Linear(24, 24)),
            ("tanh", nn.Tanh()),
            ("fc5", nn.Linear(24, 8)),
            ("sigmoid", nn.Sigmoid()));
        RandomiseNorms(net);
        return net;
    }

    /// <summary>
    /// The less common settings: dilation with "valid" padding, norms without affine parameters,
    /// upsampling to a fixed size with a non-integer ratio, LayerNorm over two trailing dims.
    /// </summary>
    public static Sequential Variants()
    {
        var net = nn.Sequential(
            ("dilated", nn.Conv2d(3, 6, 3, Padding.Valid, dilation: 2)),
            ("plain_norm", nn.GroupNorm(3, 6, affine: false)),
            ("resize", nn.Upsample(size: [10, 12], mode: UpsampleMode.Nearest)),
            ("ln2d", nn.LayerNorm([10, 12])),
            ("ln_plain", nn.LayerNorm(12, elementwise_affine: false)),
            ("relu", nn.ReLU()));
        RandomiseNorms(net);
        return net;
    }

    // GroupNorm's affine parameters come back uninitialised in TorchSharp (PLATFORM.md), and a
    // LayerNorm at 1/0 would hide a swapped scale and bias: give every norm distinct values.
    public static void RandomiseNorms(nn.Module net)
    {
        using var _ = no_grad();
        foreach (var (_, m) in net.named_modules())
        {
            if (m is GroupNorm or LayerNorm)
            {
                foreach (var (name, p) in m.named_parameters(recurse: false))
                {
                    if (name == "weight") p.copy_(rand_like(p) + 0.5);
                    else p.copy_(randn_like(p) * 0.1);
                }
            }
        }
    }
}
