using EmuEdit.Model.Configuration;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace EmuEdit.Model.Networks;

/// <summary>
/// The instruction encoder: token embedding plus learned positions, pre-LN transformer layers whose
/// attention ignores padding, and a final LayerNorm. Any encoder with the same contract (ids and mask in,
/// [B, L, D] context and [B, D] pooled vector out) can replace it, for instance an exported CLIP text tower.
/// </summary>
public sealed class TextEncoder : nn.Module<Tensor, Tensor, TextEncoding>
{
    // Small initial scale for embeddings (as GPT-2 does), so the first LayerNorm sees balanced inputs.
    private const double EmbeddingInitStd = 0.02;

    private readonly Embedding token_embedding;
    private readonly Parameter position_embedding;
    private readonly ModuleList<TextEncoderLayer> layers;
    private readonly LayerNorm final_norm;

    public TextEncoder(TextEncoderOptions options) : base(nameof(TextEncoder))
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        token_embedding = nn.Embedding(options.VocabularySize, options.Width);
        position_embedding = nn.Parameter(empty(options.ContextLength, options.Width));
        using (no_grad())
        {
            nn.init.normal_(token_embedding.weight!, std: EmbeddingInitStd);
            nn.init.normal_(position_embedding, std: EmbeddingInitStd);
        }
        layers = nn.ModuleList(Enumerable.Range(0, options.Layers)
            .Select(_ => new TextEncoderLayer(options.Width, options.Heads, options.FeedForwardMultiplier)).ToArray());
        final_norm = nn.LayerNorm(options.Width);
        RegisterComponents();
    }

    public TextEncoderOptions Options { get; }

    /// <summary>D, the width of the context and of the pooled vector.</summary>
    public int Width => Options.Width;

    // Read by the ONNX emitters (src/EmuEdit.Model.Onnx), which write this forward as graph nodes.
    internal Embedding TokenEmbedding => token_embedding;
    internal IReadOnlyList<TextEncoderLayer> Layers => [.. layers];
    internal LayerNorm FinalNorm => final_norm;

    /// <param name="ids">[B, L] int64 compact ids, L at most the configured context length.</param>
    /// <param name="mask">[B, L] bool, true for real tokens; every row needs at least one (the end token).</param>
    public override TextEncoding forward(Tensor ids, Tensor mask)
    {
        var length = ids.shape[1];
        if (length > Options.ContextLength)
            throw new ArgumentException($"{length} tokens exceed the context length {Options.ContextLength}.", nameof(ids));
        var x = token_embedding.forward(ids).Plus(position_embedding.narrow(0, 0, length));
        foreach (var layer in layers) x = layer.forward(x, mask);
        var context = final_norm.forward(x);
        return TextEncoding.Pooling(context, mask);
    }
}
