using Microsoft.ML.OnnxRuntime.Tensors;

namespace EmuEdit.Evaluation.Onnx;

/// <summary>
/// Reads one embedding out of an encoder output of batch 1, whichever common shape it has:
/// [1, D] (pooled), [1, D, 1, 1] (pooled conv features), or [1, T, D] (token states, where the caller
/// says which token row is the embedding: CLS for image towers, the end token for CLIP text).
/// </summary>
internal static class EmbeddingOutput
{
    public static float[] Read(Tensor<float> output, string graph, Func<int, int> tokenRow)
    {
        var dims = output.Dimensions.ToArray();
        if (dims.Length == 0 || dims[0] != 1)
            throw new InvalidDataException($"{graph}: expected an output of batch 1, got [{string.Join(",", dims)}].");
        var values = output.ToArray();
        switch (dims.Length)
        {
            case 2:
                return values;
            case 4 when dims[2] == 1 && dims[3] == 1:
                return values;
            case 3:
                var tokens = dims[1];
                var width = dims[2];
                var row = tokenRow(tokens);
                if (row < 0 || row >= tokens) throw new InvalidDataException($"{graph}: token row {row} outside 0..{tokens - 1}.");
                return values.AsSpan(row * width, width).ToArray();
            default:
                throw new InvalidDataException(
                    $"{graph}: output shape [{string.Join(",", dims)}] is not an embedding ([1,D], [1,D,1,1] or [1,T,D]).");
        }
    }
}
