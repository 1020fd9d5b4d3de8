using EmuEdit.Model.Checkpoints;
using EmuEdit.Model.Text;
using EmuEdit.Pipeline.Abstractions;
using static TorchSharp.torch;

namespace EmuEdit.Pipeline.InProcess;

/// <summary>The checkpoint's instruction path (tokenizer or frozen pretrained encoder, and the trained TorchSharp text module), in this process.</summary>
public sealed class InProcessInstructionEncoder : IInstructionEncoder, IDisposable
{
    private readonly InstructionEncoder _encoder;
    private readonly bool _ownsEncoder;
    private readonly Lock _gate = new();

    /// <param name="ownsEncoder">Dispose <paramref name="encoder"/> with this object (false when a whole model owns it).</param>
    public InProcessInstructionEncoder(InstructionEncoder encoder, bool ownsEncoder = false)
    {
        _encoder = encoder ?? throw new ArgumentNullException(nameof(encoder));
        _ownsEncoder = ownsEncoder;
        _encoder.Module.eval();
    }

    /// <summary>Loads only the instruction path from a checkpoint folder.</summary>
    public static InProcessInstructionEncoder Load(string modelFolder) =>
        new(ModelCheckpoint.LoadInstructionEncoder(modelFolder), ownsEncoder: true);

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
            // Checked again once the lock is ours: a call that waited past its deadline behind others is not run.
            cancellationToken.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            using var encoding = _encoder.Encode(instructions, _encoder.Device);
            var result = new InstructionEncoding(
                encoding.Context.to(ScalarType.Float32).contiguous(),
                encoding.Mask.clone(),
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
