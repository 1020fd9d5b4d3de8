using TorchSharp.Modules;
using static TorchSharp.torch;

namespace EmuEdit.Model.Networks;

/// <summary>A pre-LN transformer layer: x + SelfAttention(LN(x)), then x + MLP(LN(x)).</summary>
internal sealed class TextEncoderLayer : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly LayerNorm ln1;
    private readonly MultiHeadAttention attn;
    private readonly LayerNorm ln2;
    private readonly FeedForward ff;

    public TextEncoderLayer(int width, int heads, int feedForwardMultiplier) : base(nameof(TextEncoderLayer))
    {
        ln1 = nn.LayerNorm(width);
        attn = new MultiHeadAttention(width, width, heads);
        ln2 = nn.LayerNorm(width);
        ff = new FeedForward(width, feedForwardMultiplier);
        RegisterComponents();
    }

    // Read by the ONNX emitters (src/EmuEdit.Model.Onnx), which write this forward as graph nodes.
    internal LayerNorm Norm1 => ln1;
    internal MultiHeadAttention Attention => attn;
    internal LayerNorm Norm2 => ln2;
    internal FeedForward FeedForward => ff;

    /// <param name="x">[B, L, D].</param>
    /// <param name="mask">[B, L] bool; padding keys are ignored.</param>
    public override Tensor forward(Tensor x, Tensor mask)
    {
        var h = ln1.forward(x);
        x = x.Plus(attn.forward(h, h, mask));
        return x.Plus(ff.forward(ln2.forward(x)));
    }
}
