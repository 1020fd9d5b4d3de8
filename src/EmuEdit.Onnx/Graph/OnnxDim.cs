namespace EmuEdit.Onnx.Graph;

/// <summary>
/// One dimension of a graph input or output: either a fixed size or a symbolic name (dim_param),
/// such as "batch", that runtimes treat as "any size, the same wherever this name appears".
/// </summary>
public readonly record struct OnnxDim
{
    private OnnxDim(long? size, string? symbol)
    {
        Size = size;
        Symbol = symbol;
    }

    public long? Size { get; }

    public string? Symbol { get; }

    public bool IsSymbolic => Symbol is not null;

    public static OnnxDim Fixed(long size) =>
        size >= 0 ? new(size, null) : throw new ArgumentOutOfRangeException(nameof(size), size, "A fixed dimension cannot be negative.");

    public static OnnxDim Named(string symbol) =>
        string.IsNullOrWhiteSpace(symbol) ? throw new ArgumentException("A symbolic dimension needs a name.", nameof(symbol)) : new(null, symbol);

    public static implicit operator OnnxDim(long size) => Fixed(size);

    public static implicit operator OnnxDim(string symbol) => Named(symbol);

    public override string ToString() => Symbol ?? Size!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
