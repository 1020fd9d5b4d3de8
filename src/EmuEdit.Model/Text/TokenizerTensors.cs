using EmuEdit.Tokenization;
using static TorchSharp.torch;

namespace EmuEdit.Model.Text;

/// <summary>
/// The TorchSharp side of the tokenizer: the tokenizer itself lives in EmuEdit.Tokenization (no LibTorch,
/// so ONNX-only services can use it); models that run in TorchSharp get their batches as tensors here.
/// </summary>
public static class TokenizerTensors
{
    /// <summary>Encodes a batch: ids [B, L] int64 and mask [B, L] bool, on <paramref name="device"/> (CPU by default).</summary>
    public static TokenBatch EncodeBatch(this IInstructionTokenizer tokenizer, IReadOnlyList<string> instructions, Device? device = null)
    {
        var batch = TokenizedBatch.Encode(tokenizer, instructions);
        long[] shape = [batch.Count, batch.Length];
        return new TokenBatch(tensor(batch.Ids, shape, device: device), tensor(batch.Mask, shape, device: device));
    }
}
