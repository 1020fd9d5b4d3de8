using EmuEdit.Model.Configuration;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace EmuEdit.Model.Networks;

/// <summary>
/// The trained part of a pretrained instruction encoder: the frozen encoder's token states [B, L, H]
/// projected to the editor's width, then the configured pre-LN transformer layers and a final LayerNorm.
/// The frozen part gives the editor words it never saw in training; this head adapts its states to the U-Net.
/// </summary>
public sealed class PretrainedTextHead : nn.Module<Tensor, Tensor, TextEncoding>
{
    private readonly Linear projection;
    private readonly ModuleList<TextEncoderLayer> layers;
    private readonly LayerNorm final_norm;

    public PretrainedTextHead(TextEncoderOptions options, int stateWidth) : base(nameof(PretrainedTextHead))
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stateWidth);
        Options = options;
        StateWidth = stateWidth;
        projection = nn.Linear(stateWidth, options.Width);
        layers = nn.ModuleList(Enumerable.Range(0, options.Layers)
            .Select(_ => new TextEncoderLayer(options.Width, options.Heads, options.FeedForwardMultiplier)).ToArray());
        final_norm = nn.LayerNorm(options.Width);
        RegisterComponents();
    }

    public TextEncoderOptions Options { get; }

    /// <summary>H, the frozen encoder's state width.</summary>
    public int StateWidth { get; }

    // Read by the ONNX emitters (src/EmuEdit.Model.Onnx), which write this forward as graph nodes.
    internal Linear Projection => projection;
    internal IReadOnlyList<TextEncoderLayer> Layers => [.. layers];
    internal LayerNorm FinalNorm => final_norm;

    /// <param name="states">[B, L, H] frozen token states.</param>
    /// <param name="mask">[B, L] bool, true for real tokens.</param>
    public override TextEncoding forward(Tensor states, Tensor mask)
    {
        var x = projection.forward(states);
        foreach (var layer in layers) x = layer.forward(x, mask);
        var context = final_norm.forward(x);
        return TextEncoding.Pooling(context, mask);
    }
}
