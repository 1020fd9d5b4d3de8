using TorchSharp.Modules;
using static TorchSharp.torch;

namespace EmuEdit.Model.Networks;

/// <summary>
/// GroupNorm, SiLU, 3x3 conv, twice, around a skip (a 1x1 conv when the width changes). With an embedding
/// width, the projected embedding (timestep plus task in the U-Net) is added between the two convs; the
/// autoencoder uses it without one.
/// </summary>
internal sealed class ResidualBlock : nn.Module<Tensor, Tensor?, Tensor>
{
    private readonly GroupNorm norm1;
    private readonly Conv2d conv1;
    private readonly Linear? emb_proj;
    private readonly GroupNorm norm2;
    private readonly Conv2d conv2;
    private readonly Conv2d? skip;

    public ResidualBlock(int inChannels, int outChannels, int normGroups, int embeddingWidth = 0) : base(nameof(ResidualBlock))
    {
        norm1 = Norms.Group(normGroups, inChannels);
        conv1 = nn.Conv2d(inChannels, outChannels, kernel_size: 3, padding: 1);
        emb_proj = embeddingWidth > 0 ? nn.Linear(embeddingWidth, outChannels) : null;
        norm2 = Norms.Group(normGroups, outChannels);
        conv2 = nn.Conv2d(outChannels, outChannels, kernel_size: 3, padding: 1);
        skip = inChannels != outChannels ? nn.Conv2d(inChannels, outChannels, kernel_size: 1) : null;
        RegisterComponents();
    }

    // Read by the ONNX emitters (src/EmuEdit.Model.Onnx), which write this forward as graph nodes.
    internal GroupNorm Norm1 => norm1;
    internal Conv2d Conv1 => conv1;
    internal Linear? EmbeddingProjection => emb_proj;
    internal GroupNorm Norm2 => norm2;
    internal Conv2d Conv2 => conv2;
    internal Conv2d? Skip => skip;

    public override Tensor forward(Tensor x, Tensor? embedding)
    {
        var h = conv1.forward(nn.functional.silu(norm1.forward(x)));
        if (emb_proj is not null)
        {
            if (embedding is null) throw new ArgumentNullException(nameof(embedding), "This residual block adds an embedding; pass one.");
            h = h.Plus(emb_proj.forward(nn.functional.silu(embedding)).unsqueeze(-1).unsqueeze(-1));
        }
        h = conv2.forward(nn.functional.silu(norm2.forward(h)));
        return (skip is null ? x : skip.forward(x)).Plus(h);
    }
}
