using EmuEdit.Onnx.Export;
using EmuEdit.Onnx.Graph;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace EmuEdit.Evaluation.Tests;

/// <summary>
/// Tiny encoders with a TorchSharp forward and an ONNX form written by the project's exporter, so the
/// ONNX adapters can be checked against a known computation.
/// </summary>
internal static class OnnxTestModules
{
    /// <summary>[1,3,S,S] -> 1x1 conv to 4 channels -> spatial mean -> [1,4] (a pooled image embedding).</summary>
    public sealed class PooledConv : nn.Module<Tensor, Tensor>, IOnnxExportable
    {
        private readonly Conv2d conv;

        public PooledConv() : base(nameof(PooledConv))
        {
            conv = nn.Conv2d(3, 4, 1);
            RegisterComponents();
        }

        public override Tensor forward(Tensor x)
        {
            using var y = conv.forward(x);
            return y.mean([2, 3]);
        }

        public IReadOnlyList<OnnxValue> EmitOnnx(OnnxExportContext context, IReadOnlyList<OnnxValue> inputs)
        {
            var y = context.EmitSingle(conv, inputs[0]);
            return [context.Ops.ReduceMean(y, [2, 3], keepDims: false)];
        }
    }

    /// <summary>Token ids [1,L] -> embedding rows [1,L,D]: token states, the adapter picks the end token's row.</summary>
    public sealed class TokenStates : nn.Module<Tensor, Tensor>, IOnnxExportable
    {
        private readonly Embedding table;

        public TokenStates(int vocabulary, int width) : base(nameof(TokenStates))
        {
            table = nn.Embedding(vocabulary, width);
            RegisterComponents();
        }

        public Tensor Row(long id) => table.weight![id].clone();

        public override Tensor forward(Tensor ids) => table.forward(ids);

        public IReadOnlyList<OnnxValue> EmitOnnx(OnnxExportContext context, IReadOnlyList<OnnxValue> inputs) =>
            [context.EmitSingle(table, inputs[0])];
    }

    /// <summary>Token ids [1,L] -> mean of the embedding rows [1,D]: a pooled text embedding.</summary>
    public sealed class MeanOfTokens : nn.Module<Tensor, Tensor>, IOnnxExportable
    {
        private readonly Embedding table;

        public MeanOfTokens(int vocabulary, int width) : base(nameof(MeanOfTokens))
        {
            table = nn.Embedding(vocabulary, width);
            RegisterComponents();
        }

        public override Tensor forward(Tensor ids)
        {
            using var rows = table.forward(ids);
            return rows.mean([1]);
        }

        public IReadOnlyList<OnnxValue> EmitOnnx(OnnxExportContext context, IReadOnlyList<OnnxValue> inputs) =>
            [context.Ops.ReduceMean(context.EmitSingle(table, inputs[0]), [1], keepDims: false)];
    }
}
