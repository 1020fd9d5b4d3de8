using EmuEdit.Onnx.Export;
using EmuEdit.Onnx.Graph;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace EmuEdit.Onnx.Tests.TestModules;

/// <summary>
/// A one-block text encoder in the shape of the project's: token embedding, pre-norm masked
/// multi-head self-attention with a residual, and a masked mean as the pooled vector. It implements
/// <see cref="IOnnxExportable"/> the way the real networks will: its ONNX form mirrors forward line
/// by line and emits its stock children through the context.
/// </summary>
internal sealed class MaskedSelfAttentionEncoder : nn.Module<Tensor, Tensor, (Tensor Context, Tensor Pooled)>, IOnnxExportable
{
    private readonly Embedding embed;
    private readonly LayerNorm norm;
    private readonly Linear q, k, v, proj;
    private readonly long _heads;
    private readonly long _headDim;

    public MaskedSelfAttentionEncoder(long vocab, long dim, long heads) : base(nameof(MaskedSelfAttentionEncoder))
    {
        _heads = heads;
        _headDim = dim / heads;
        embed = nn.Embedding(vocab, dim);
        norm = nn.LayerNorm(dim);
        q = nn.Linear(dim, dim);
        k = nn.Linear(dim, dim);
        v = nn.Linear(dim, dim);
        proj = nn.Linear(dim, dim);
        RegisterComponents();
        TestNetworks.RandomiseNorms(this);
    }

    public override (Tensor Context, Tensor Pooled) forward(Tensor tokenIds, Tensor tokenMask)
    {
        var x = embed.forward(tokenIds);
        var h = norm.forward(x);
        Tensor Heads(Tensor t) => t.reshape(t.shape[0], t.shape[1], _heads, _headDim).transpose(1, 2);
        var scores = Heads(q.forward(h)).matmul(Heads(k.forward(h)).transpose(2, 3)) / Math.Sqrt(_headDim);
        scores = scores.masked_fill(tokenMask.logical_not().unsqueeze(1).unsqueeze(2), double.NegativeInfinity);
        var attended = scores.softmax(-1).matmul(Heads(v.forward(h))).transpose(1, 2).reshape(x.shape);
        var context = x + proj.forward(attended);
        var m = tokenMask.to_type(ScalarType.Float32).unsqueeze(-1);
        var pooled = (context * m).sum(1) / m.sum(1);
        return (context, pooled);
    }

    public IReadOnlyList<OnnxValue> EmitOnnx(OnnxExportContext c, IReadOnlyList<OnnxValue> inputs)
    {
        var ops = c.Ops;
        var (tokenIds, tokenMask) = (inputs[0], inputs[1]);
        var x = c.EmitSingle(embed, tokenIds);
        var h = c.EmitSingle(norm, x);
        OnnxValue Heads(OnnxValue t) => ops.Transpose(ops.Reshape(t, 0, 0, _heads, _headDim), 0, 2, 1, 3);
        var attended = ops.ScaledDotProductAttention(
            Heads(c.EmitSingle(q, h)), Heads(c.EmitSingle(k, h)), Heads(c.EmitSingle(v, h)),
            OnnxOps.AttentionScale(_headDim), ops.KeyPaddingMask(tokenMask));
        var merged = ops.Reshape(ops.Transpose(attended, 0, 2, 1, 3), 0, 0, -1);
        var context = ops.Add(x, c.EmitSingle(proj, merged));
        var m = ops.Unsqueeze(ops.Cast(tokenMask, OnnxElementType.Float32), -1);
        var pooled = ops.Div(ops.ReduceSum(ops.Mul(context, m), [1], keepDims: false), ops.ReduceSum(m, [1], keepDims: false));
        return [context, pooled];
    }
}
