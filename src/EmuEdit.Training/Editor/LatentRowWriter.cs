using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace EmuEdit.Training.Editor;

/// <summary>Appends (input, target) latent pairs to a latent cache's data file as float16.</summary>
public sealed class LatentRowWriter
{
    private readonly Stream _stream;
    private readonly long _rowElements;

    internal LatentRowWriter(Stream stream, long rowElements)
    {
        _stream = stream;
        _rowElements = rowElements;
    }

    public long Rows { get; private set; }

    /// <summary>Writes B rows from input and target latents [B, C, h, w].</summary>
    public void Write(Tensor input, Tensor target)
    {
        using var scope = NewDisposeScope();
        var rows = stack([input, target], 1).to(ScalarType.Float32).contiguous();
        var values = rows.data<float>().ToArray();
        if (values.Length != rows.shape[0] * _rowElements) throw new ArgumentException("latent shape differs from the cache's");
        var halfs = new Half[values.Length];
        for (var i = 0; i < values.Length; i++) halfs[i] = (Half)values[i];
        _stream.Write(MemoryMarshal.AsBytes(halfs.AsSpan()));
        Rows += rows.shape[0];
    }
}
