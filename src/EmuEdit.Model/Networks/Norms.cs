using TorchSharp.Modules;
using static TorchSharp.torch;

namespace EmuEdit.Model.Networks;

/// <summary>The one way this library creates normalisation layers.</summary>
internal static class Norms
{
    /// <summary>
    /// A GroupNorm with weight 1 and bias 0. TorchSharp's GroupNorm allocates its affine parameters with
    /// torch.empty and never initialises them (NaN and huge values seen), unlike PyTorch's.
    /// </summary>
    public static GroupNorm Group(int groups, int channels)
    {
        var norm = nn.GroupNorm(groups, channels);
        using (no_grad())
        {
            norm.weight.fill_(1);
            norm.bias!.zero_();
        }
        return norm;
    }
}
