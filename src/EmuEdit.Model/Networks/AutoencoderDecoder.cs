using EmuEdit.Model.Configuration;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace EmuEdit.Model.Networks;

/// <summary>D: unscaled latent [B, C_z, h, w] to image [B, C, h*f, w*f] (roughly in [-1, 1]; not clamped, so the loss sees overshoot).</summary>
internal sealed class AutoencoderDecoder : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv_in;
    private readonly ResidualBlock mid1;
    private readonly ResidualBlock mid2;
    private readonly ModuleList<ResidualBlock> blocks;
    private readonly ModuleList<Upsample> upsamplers;
    private readonly GroupNorm norm_out;
    private readonly Conv2d conv_out;
    private readonly int _blocksPerLevel;

    public AutoencoderDecoder(AutoencoderOptions o) : base(nameof(AutoencoderDecoder))
    {
        _blocksPerLevel = o.DecoderBlocksPerLevel;
        var widths = o.Widths;
        var channels = widths[^1];
        conv_in = nn.Conv2d(o.LatentChannels, channels, kernel_size: 3, padding: 1);
        mid1 = new ResidualBlock(channels, channels, o.NormGroups);
        mid2 = new ResidualBlock(channels, channels, o.NormGroups);
        var res = new List<ResidualBlock>();
        var up = new List<Upsample>();
        // Mirror of the encoder: lowest resolution first, doubling after every level but the last.
        for (var level = widths.Count - 1; level >= 0; level--)
        {
            for (var i = 0; i < o.DecoderBlocksPerLevel; i++)
            {
                res.Add(new ResidualBlock(channels, widths[level], o.NormGroups));
                channels = widths[level];
            }
            if (level > 0) up.Add(new Upsample(channels));
        }
        blocks = nn.ModuleList(res.ToArray());
        upsamplers = nn.ModuleList(up.ToArray());
        norm_out = Norms.Group(o.NormGroups, channels);
        conv_out = nn.Conv2d(channels, o.InChannels, kernel_size: 3, padding: 1);
        RegisterComponents();
    }

    // Read by the ONNX emitters (src/EmuEdit.Model.Onnx), which write this forward as graph nodes.
    internal Conv2d ConvIn => conv_in;
    internal ResidualBlock Mid1 => mid1;
    internal ResidualBlock Mid2 => mid2;
    internal IReadOnlyList<ResidualBlock> Blocks => [.. blocks];
    internal IReadOnlyList<Upsample> Upsamplers => [.. upsamplers];
    internal int BlocksPerLevel => _blocksPerLevel;
    internal GroupNorm NormOut => norm_out;
    internal Conv2d ConvOut => conv_out;

    public override Tensor forward(Tensor z)
    {
        var h = mid2.forward(mid1.forward(conv_in.forward(z), null), null);
        for (var i = 0; i < blocks.Count; i++)
        {
            h = blocks[i].forward(h, null);
            var step = i / _blocksPerLevel;
            var lastOfLevel = (i + 1) % _blocksPerLevel == 0;
            if (lastOfLevel && step < upsamplers.Count) h = upsamplers[step].forward(h);
        }
        return conv_out.forward(nn.functional.silu(norm_out.forward(h)));
    }
}
