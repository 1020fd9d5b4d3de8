using static TorchSharp.torch;

namespace EmuEdit.Model.Networks;

/// <summary>One step of a U-Net level: a residual block taking the embedding, then a transformer block at attention levels.</summary>
internal sealed class UNetBlock : nn.Module
{
    private readonly ResidualBlock res;
    private readonly SpatialTransformer? attn;

    public UNetBlock(ResidualBlock res, SpatialTransformer? attn) : base(nameof(UNetBlock))
    {
        this.res = res;
        this.attn = attn;
        RegisterComponents();
    }

    public Tensor forward(Tensor x, Tensor embedding, Tensor context, Tensor contextMask)
    {
        var h = res.forward(x, embedding);
        return attn is null ? h : attn.forward(h, context, contextMask);
    }
}
