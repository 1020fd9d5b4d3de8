using EmuEdit.Model.Checkpoints;
using EmuEdit.Model.Networks;
using EmuEdit.Model.Text;
using EmuEdit.Tokenization;
using EmuEdit.Pipeline.Abstractions;
using static TorchSharp.torch;

namespace EmuEdit.Pipeline.InProcess;

/// <summary>The checkpoint's tokenizer and TorchSharp text encoder, in this process.</summary>
public sealed class InProcessInstructionEncoder : IInstructionEncoder, IDisposable
{
    private readonly TextEncoder _encoder;
    private readonly InstructionTokenizer _tokenizer;
    private readonly bool _ownsEncoder;
    private readonly Lock _gate = new();

    /// <param name="ownsEncoder">Dispose <paramref name="encoder"/> with this object (false when a whole model owns it).</param>
    public InProcessInstructionEncoder(TextEncoder encoder, InstructionTokenizer tokenizer, bool ownsEncoder = false)
    {
        _encoder = encoder ?? throw new ArgumentNullException(nameof(encoder));
        _tokenizer = tokenizer ?? throw new ArgumentNullException(nameof(tokenizer));
        _ownsEncoder = ownsEncoder;
        _encoder.eval();
    }

    /// <summary>Loads only the tokenizer and text encoder from a checkpoint folder.</summary>
    public static InProcessInstructionEncoder Load(string modelFolder)
    {
        var config = ModelCheckpoint.LoadConfig(modelFolder);
        var tokenizer = ModelCheckpoint.LoadTokenizer(modelFolder, config);
        return new InProcessInstructionEncoder(ModelCheckpoint.LoadTextEncoder(modelFolder), tokenizer, ownsEncoder: true);
    }

    /// <summary>Token context width D.</summary>
    public int Width => _encoder.Width;

    public Task<InstructionEncoding> EncodeAsync(IReadOnlyList<string> instructions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instructions);
        if (instructions.Count == 0) throw new ArgumentException("No instructions to encode.", nameof(instructions));
        cancellationToken.ThrowIfCancellationRequested();
        // One forward at a time: the module is shared and TorchSharp's grad mode is per thread.
        lock (_gate)
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            using var tokens = _tokenizer.EncodeBatch(instructions);
            var encoding = _encoder.forward(tokens.Ids, tokens.Mask);
            var result = new InstructionEncoding(
                encoding.Context.to(ScalarType.Float32).contiguous(),
                tokens.Mask.clone(),
                encoding.Pooled.to(ScalarType.Float32).contiguous());
            result.Context.MoveToOuterDisposeScope();
            result.Mask.MoveToOuterDisposeScope();
            result.Pooled.MoveToOuterDisposeScope();
            return Task.FromResult(result);
        }
    }

    public void Dispose()
    {
        if (_ownsEncoder) _encoder.Dispose();
    }
}
