using EmuEdit.Onnx.Graph;

namespace EmuEdit.Onnx.Export;

/// <summary>
/// The functional operations custom modules use in their forward, as ONNX nodes. Shapes are never
/// needed at export time: reshapes use ONNX's 0 ("copy this dim") and -1 ("infer"), so one graph
/// serves every batch size and sequence length.
/// </summary>
public sealed class OnnxOps(OnnxGraphBuilder graph)
{
    public OnnxGraphBuilder Graph { get; } = graph;

    public OnnxValue Unary(string opType, OnnxValue x) => Graph.Node(opType, [x]);

    public OnnxValue Add(OnnxValue a, OnnxValue b) => Graph.Node("Add", [a, b]);

    public OnnxValue Sub(OnnxValue a, OnnxValue b) => Graph.Node("Sub", [a, b]);

    public OnnxValue Mul(OnnxValue a, OnnxValue b) => Graph.Node("Mul", [a, b]);

    public OnnxValue Div(OnnxValue a, OnnxValue b) => Graph.Node("Div", [a, b]);

    /// <summary>x * s for a constant s.</summary>
    public OnnxValue Scale(OnnxValue x, float s) => Mul(x, Graph.ScalarFloat(s));

    public OnnxValue MatMul(OnnxValue a, OnnxValue b) => Graph.Node("MatMul", [a, b]);

    public OnnxValue Softmax(OnnxValue x, long axis = -1) => Graph.Node("Softmax", [x], OnnxAttribute.Int("axis", axis));

    public OnnxValue Sigmoid(OnnxValue x) => Unary("Sigmoid", x);

    /// <summary>x * sigmoid(x); ONNX has no SiLU operator in opset 21.</summary>
    public OnnxValue SiLU(OnnxValue x) => Mul(x, Sigmoid(x));

    /// <summary>GELU as the opset-20 Gelu operator; <paramref name="tanhApproximation"/> matches torch's approximate="tanh".</summary>
    public OnnxValue Gelu(OnnxValue x, bool tanhApproximation = false) =>
        Graph.Node("Gelu", [x], OnnxAttribute.String("approximate", tanhApproximation ? "tanh" : "none"));

    /// <summary>Reshape to a constant target; 0 keeps the input's dim, -1 is inferred.</summary>
    public OnnxValue Reshape(OnnxValue x, params long[] shape) => Reshape(x, Graph.ConstantInt64(shape));

    /// <summary>Reshape to a runtime shape (for example one taken with <see cref="Shape"/>).</summary>
    public OnnxValue Reshape(OnnxValue x, OnnxValue shape) => Graph.Node("Reshape", [x, shape]);

    public OnnxValue Transpose(OnnxValue x, params long[] perm) => Graph.Node("Transpose", [x], OnnxAttribute.Ints("perm", perm));

    public OnnxValue Concat(long axis, params OnnxValue[] values) =>
        Graph.Node("Concat", values.Select(v => (OnnxValue?)v).ToArray(), OnnxAttribute.Int("axis", axis));

    /// <summary>x[starts:ends:steps] along <paramref name="axes"/>; bounds past the end are clamped as in Python slicing.</summary>
    public OnnxValue Slice(OnnxValue x, long[] starts, long[] ends, long[] axes, long[]? steps = null)
    {
        var inputs = new List<OnnxValue?> { x, Graph.ConstantInt64(starts), Graph.ConstantInt64(ends), Graph.ConstantInt64(axes) };
        if (steps is not null) inputs.Add(Graph.ConstantInt64(steps));
        return Graph.Node("Slice", inputs);
    }

    /// <summary>Mean over <paramref name="axes"/> (opset 18+ takes the axes as an input).</summary>
    public OnnxValue ReduceMean(OnnxValue x, long[] axes, bool keepDims = true) =>
        Graph.Node("ReduceMean", [x, Graph.ConstantInt64(axes)], OnnxAttribute.Int("keepdims", keepDims ? 1 : 0));

    public OnnxValue ReduceSum(OnnxValue x, long[] axes, bool keepDims = true) =>
        Graph.Node("ReduceSum", [x, Graph.ConstantInt64(axes)], OnnxAttribute.Int("keepdims", keepDims ? 1 : 0));

    public OnnxValue Unsqueeze(OnnxValue x, params long[] axes) => Graph.Node("Unsqueeze", [x, Graph.ConstantInt64(axes)]);

    public OnnxValue Squeeze(OnnxValue x, params long[] axes) => Graph.Node("Squeeze", [x, Graph.ConstantInt64(axes)]);

    /// <summary>The input's shape as int64[rank], or the part [start, end) of it.</summary>
    public OnnxValue Shape(OnnxValue x, long? start = null, long? end = null)
    {
        var attrs = new List<Protos.AttributeProto>();
        if (start is { } s) attrs.Add(OnnxAttribute.Int("start", s));
        if (end is { } e) attrs.Add(OnnxAttribute.Int("end", e));
        return Graph.Node("Shape", [x], [.. attrs]);
    }

    public OnnxValue Gather(OnnxValue data, OnnxValue indices, long axis = 0) =>
        Graph.Node("Gather", [data, indices], OnnxAttribute.Int("axis", axis));

    public OnnxValue Cast(OnnxValue x, OnnxElementType to) => Graph.Node("Cast", [x], OnnxAttribute.Int("to", (long)to));

    public OnnxValue Not(OnnxValue x) => Unary("Not", x);

    /// <summary>Elementwise <c>condition ? a : b</c> with broadcasting.</summary>
    public OnnxValue Where(OnnxValue condition, OnnxValue a, OnnxValue b) => Graph.Node("Where", [condition, a, b]);

    /// <summary>torch's masked_fill: <c>mask ? value : x</c> for a boolean mask broadcastable to x.</summary>
    public OnnxValue MaskedFill(OnnxValue x, OnnxValue mask, float value) => Where(mask, Graph.ScalarFloat(value), x);

    /// <summary>
    /// Turns a key padding mask [batch, Lk] (true = real token) into a mask [batch, 1, 1, Lk] that
    /// broadcasts over heads and query positions in <see cref="ScaledDotProductAttention"/>.
    /// </summary>
    public OnnxValue KeyPaddingMask(OnnxValue tokenMask) => Unsqueeze(tokenMask, 1, 2);

    /// <summary>
    /// softmax(q·kᵀ·scale, masked)·v for rank-4 q [batch, heads, Lq, d], k [batch, heads, Lk, d],
    /// v [batch, heads, Lk, dv]. Where <paramref name="attendMask"/> (boolean, broadcastable to the
    /// scores [batch, heads, Lq, Lk], true = may attend) is false the score becomes
    /// <paramref name="maskedScore"/> before the softmax: -inf by default, as torch's
    /// scaled_dot_product_attention does with a boolean mask.
    /// </summary>
    /// <param name="scale">Usually <see cref="AttentionScale"/>(d).</param>
    public OnnxValue ScaledDotProductAttention(OnnxValue q, OnnxValue k, OnnxValue v, float scale,
        OnnxValue? attendMask = null, float maskedScore = float.NegativeInfinity)
    {
        var scores = Scale(MatMul(q, Transpose(k, 0, 1, 3, 2)), scale);
        if (attendMask is { } m) scores = Where(m, scores, Graph.ScalarFloat(maskedScore));
        return MatMul(Softmax(scores, -1), v);
    }

    /// <summary>The usual attention scale 1/sqrt(d) for head dimension d.</summary>
    public static float AttentionScale(long headDim) => 1f / MathF.Sqrt(headDim);

    /// <summary>Nearest-neighbour upsampling of the last two dims with torch's index rule (floor(dst / scale)).</summary>
    public OnnxValue UpsampleNearest(OnnxValue x, float scaleH, float scaleW) =>
        Graph.Node("Resize", [x, null, Graph.ConstantFloat([1f, 1f, scaleH, scaleW], [4])],
            OnnxAttribute.String("mode", "nearest"),
            OnnxAttribute.String("coordinate_transformation_mode", "asymmetric"),
            OnnxAttribute.String("nearest_mode", "floor"));
}
