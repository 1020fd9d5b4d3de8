using EmuEdit.Model.Configuration;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace EmuEdit.Model.Networks;

/// <summary>E: image [B, C, H, W] to the latent distribution's mean and log-variance, stacked as [B, 2*C_z, H/f, W/f].</summary>
internal sealed class AutoencoderEncoder : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv_in;
    private readonly ModuleList<ResidualBlock> blocks;
    private readonly ModuleList<Downsample> downsamplers;
    private readonly ResidualBlock mid1;
    private readonly ResidualBlock mid2;
    private readonly GroupNorm norm_out;
    private readonly Conv2d conv_out;
    private readonly int _blocksPerLevel;

    public AutoencoderEncoder(AutoencoderOptions o) : base(nameof(AutoencoderEncoder))
    {
        _blocksPerLevel = o.ResBlocksPerLevel;
        var widths = o.Widths;
        conv_in = nn.Conv2d(o.InChannels, widths[0], kernel_size: 3, padding: 1);
        var res = new List<ResidualBlock>();
        var down = new List<Downsample>();
        var channels = widths[0];
        for (var level = 0; level < widths.Count; level++)
        {
            for (var i = 0; i < o.ResBlocksPerLevel; i++)
            {
                res.Add(new ResidualBlock(channels, widths[level], o.NormGroups));
                channels = widths[level];
            }
            if (level < widths.Count - 1) down.Add(new Downsample(channels));
        }
        blocks = nn.ModuleList(res.ToArray());
        downsamplers = nn.ModuleList(down.ToArray());
        mid1 = new ResidualBlock(channels, channels, o.NormGroups);
        mid2 = new ResidualBlock(channels, channels, o.NormGroups);
        norm_out = Norms.Group(o.NormGroups, channels);
        conv_out = nn.Conv2d(channels, 2 * o.LatentChannels, kernel_size: 3, padding: 1);
        RegisterComponents();
    }

    // Read by the ONNX emitters (src/EmuEdit.Model.Onnx), which write this forward as graph nodes.
    internal Conv2d ConvIn => conv_in;
    internal ResidualBlock Mid1 => mid1;
    internal ResidualBlock Mid2 => mid2;
    internal IReadOnlyList<ResidualBlock> Blocks => [.. blocks];
    internal IReadOnlyList<Downsample> Downsamplers => [.. downsamplers];
    internal int BlocksPerLevel => _blocksPerLevel;
    internal GroupNorm NormOut => norm_out;
    internal Conv2d ConvOut => conv_out;

    public override Tensor forward(Tensor x)
    {
        var h = conv_in.forward(x);
        for (var i = 0; i < blocks.Count; i++)
        {
            h = blocks[i].forward(h, null);
            var level = i / _blocksPerLevel;
            var lastOfLevel = (i + 1) % _blocksPerLevel == 0;
            if (lastOfLevel && level < downsamplers.Count) h = downsamplers[level].forward(h);
        }
        h = mid2.forward(mid1.forward(h, null), null);
        return conv_out.forward(nn.functional.silu(norm_out.forward(h)));
    }
}
