using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace EmuEdit.Model.Networks;

/// <summary>
/// Scaled dot-product attention written with matmul and softmax (not a fused kernel) so it exports to
/// ONNX as plain ops. Self-attention passes the input as its own context. Keys whose mask entry is false
/// get no weight; every row must keep at least one key (the end token or a task token guarantees it).
/// </summary>
internal sealed class MultiHeadAttention : nn.Module<Tensor, Tensor, Tensor?, Tensor>
{
    private readonly Linear to_q;
    private readonly Linear to_k;
    private readonly Linear to_v;
    private readonly Linear to_out;
    private readonly int _heads;
    private readonly int _headDim;
    private readonly double _scale;

    public MultiHeadAttention(int queryWidth, int contextWidth, int heads) : base(nameof(MultiHeadAttention))
    {
        if (queryWidth % heads != 0)
            throw new ArgumentException($"{heads} heads do not divide the width {queryWidth}.", nameof(heads));
        _heads = heads;
        _headDim = queryWidth / heads;
        _scale = 1.0 / Math.Sqrt(_headDim);
        to_q = nn.Linear(queryWidth, queryWidth, hasBias: false);
        to_k = nn.Linear(contextWidth, queryWidth, hasBias: false);
        to_v = nn.Linear(contextWidth, queryWidth, hasBias: false);
        to_out = nn.Linear(queryWidth, queryWidth);
        RegisterComponents();
    }

    // Read by the ONNX emitters (src/EmuEdit.Model.Onnx), which write this forward as graph nodes.
    internal Linear ToQuery => to_q;
    internal Linear ToKey => to_k;
    internal Linear ToValue => to_v;
    internal Linear ToOutput => to_out;
    internal int Heads => _heads;
    internal int HeadDim => _headDim;

    /// <param name="x">Queries [B, Lq, queryWidth].</param>
    /// <param name="context">Keys and values [B, Lk, contextWidth].</param>
    /// <param name="keyMask">[B, Lk] bool, true for keys that may be attended to; null attends to all.</param>
    public override Tensor forward(Tensor x, Tensor context, Tensor? keyMask)
    {
        var batch = x.shape[0];
        var q = to_q.forward(x).view(batch, -1, _heads, _headDim).transpose(1, 2);
        var k = to_k.forward(context).view(batch, -1, _heads, _headDim).transpose(1, 2);
        var v = to_v.forward(context).view(batch, -1, _heads, _headDim).transpose(1, 2);
        var scores = matmul(q, k.transpose(-2, -1)).Times(_scale);
        if (keyMask is not null)
        {
            // Named, so the Scalar lives through the native call (ScalarArithmetic says why).
            using Scalar masked = float.NegativeInfinity;
            scores = scores.masked_fill(keyMask.logical_not().view(batch, 1, 1, -1), masked);
        }
        var attended = matmul(scores.softmax(-1), v);
        return to_out.forward(attended.transpose(1, 2).reshape(batch, -1, _heads * _headDim));
    }
}
