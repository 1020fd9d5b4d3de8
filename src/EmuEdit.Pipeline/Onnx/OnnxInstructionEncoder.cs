using EmuEdit.Inference;
using EmuEdit.Pipeline.Abstractions;
using static TorchSharp.torch;

namespace EmuEdit.Pipeline.Onnx;

/// <summary>The text-encoder part on ONNX Runtime (text_encoder.onnx and the tokenizer or frozen encoder its metadata names).</summary>
public sealed class OnnxInstructionEncoder(ITextEncoderGraph encoder) : IInstructionEncoder
{
    private readonly ITextEncoderGraph _encoder = encoder ?? throw new ArgumentNullException(nameof(encoder));

    public Task<InstructionEncoding> EncodeAsync(IReadOnlyList<string> instructions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instructions);
        cancellationToken.ThrowIfCancellationRequested();
        var o = _encoder.Encode(instructions);
        return Task.FromResult(new InstructionEncoding(
            tensor(o.Context, [o.Count, o.Length, o.Width], ScalarType.Float32),
            tensor(o.Mask, [o.Count, o.Length], ScalarType.Bool),
            tensor(o.Pooled, [o.Count, o.Width], ScalarType.Float32)));
    }
}
