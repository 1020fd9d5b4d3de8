namespace EmuEdit.Onnx.Runtime;

/// <summary>One dimension of a model input or output: a fixed size, or a symbol such as "batch" (any size).</summary>
public readonly record struct OnnxDimension(long? Size, string? Symbol)
{
    public bool IsFixed => Size is not null;

    public override string ToString() => Size?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? (string.IsNullOrEmpty(Symbol) ? "?" : Symbol);
}
