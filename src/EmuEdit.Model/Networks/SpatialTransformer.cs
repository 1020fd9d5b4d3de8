using TorchSharp.Modules;
using static TorchSharp.torch;

namespace EmuEdit.Model.Networks;

/// <summary>
/// The U-Net's attention block over a feature map: GroupNorm, project to tokens, then pre-LN self-attention,
/// cross-attention over the text tokens (with the task tokens appended by the caller) and an MLP, and a
/// zero-initialised output projection so the block starts as the identity.
/// </summary>
internal sealed class SpatialTransformer : nn.Module<Tensor, Tensor, Tensor, Tensor>
{
    private readonly GroupNorm norm;
    private readonly Linear proj_in;
    private readonly LayerNorm ln1;
    private readonly MultiHeadAttention self_attn;
    private readonly LayerNorm ln2;
    private readonly MultiHeadAttention cross_attn;
    private readonly LayerNorm ln3;
    private readonly FeedForward ff;
    private readonly Linear proj_out;

    public SpatialTransformer(int channels, int contextWidth, int heads, int normGroups, int feedForwardMultiplier) : base(nameof(SpatialTransformer))
    {
        norm = Norms.Group(normGroups, channels);
        proj_in = nn.Linear(channels, channels);
        ln1 = nn.LayerNorm(channels);
        self_attn = new MultiHeadAttention(channels, channels, heads);
        ln2 = nn.LayerNorm(channels);
        cross_attn = new MultiHeadAttention(channels, contextWidth, heads);
        ln3 = nn.LayerNorm(channels);
        ff = new FeedForward(channels, feedForwardMultiplier);
        proj_out = ZeroInit.Apply(nn.Linear(channels, channels));
        RegisterComponents();
    }

    /// <param name="x">[B, C, H, W].</param>
    /// <param name="context">[B, L + K, D] text tokens followed by task tokens.</param>
    /// <param name="contextMask">[B, L + K] bool.</param>
    public override Tensor forward(Tensor x, Tensor context, Tensor contextMask)
    {
        var (batch, channels, height, width) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3]);
        var h = norm.forward(x).permute(0, 2, 3, 1).reshape(batch, height * width, channels);
        h = proj_in.forward(h);
        var n = ln1.forward(h);
        h = h.Plus(self_attn.forward(n, n, null));
        h = h.Plus(cross_attn.forward(ln2.forward(h), context, contextMask));
        h = h.Plus(ff.forward(ln3.forward(h)));
        h = proj_out.forward(h);
        return x.Plus(h.reshape(batch, height, width, channels).permute(0, 3, 1, 2));
    }
}
