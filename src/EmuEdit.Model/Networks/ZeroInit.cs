using static TorchSharp.torch;

namespace EmuEdit.Model.Networks;

/// <summary>Zeroes a layer's weights so a residual branch starts as the identity (training then grows it).</summary>
internal static class ZeroInit
{
    public static T Apply<T>(T module) where T : nn.Module
    {
        using (no_grad())
        {
            foreach (var p in module.parameters()) p.zero_();
        }
        return module;
    }
}
